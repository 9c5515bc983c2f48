package io.freshet.connectors.wordpress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A WordPress site's REST API as far as the connector uses it, on 127.0.0.1 with an ephemeral port: the wp/v2
 * {@code posts} and {@code pages} collections in WordPress's response shape and headers (X-WP-Total, X-WP-TotalPages),
 * honouring {@code modified_after} (exclusive, like WP_Date_Query's "after"), {@code status}, {@code include},
 * {@code orderby}/{@code order}, {@code page}/{@code per_page}, {@code context} and {@code _fields}; statuses other
 * than publish and {@code context=edit} need Basic authentication with the application password. JDK only (plain
 * strings, no JSON library), so tests of other modules can use it too. Its clock is its own: {@link #setNow} and
 * {@link #advance} decide the {@code modified_gmt} of the next change.
 */
public final class WordPressTestServer implements AutoCloseable {

    /** One post as WordPress stores it. */
    private static final class Post {
        long id;
        String type;
        String status;
        Instant date;
        Instant modified;
        String slug;
        String title;
        String html;
        String password = "";
        long author = 1;
        List<Long> categories = List.of(1L);
        List<Long> tags = List.of();
    }

    private final HttpServer server;
    private final Map<Long, Post> posts = new LinkedHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Instant> requestTimes = new CopyOnWriteArrayList<>();
    private String username;
    private String password;
    private Instant now = Instant.parse("2026-11-02T09:00:00Z");
    private long nextId = 1;
    private int throttled;
    private int throttleSeconds;
    private int failStatus;
    private int failWhenStatus;
    private List<String> failWhen = List.of();

    public WordPressTestServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/wp-json/wp/v2/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requires these credentials for drafts and the other non-public statuses, and for context=edit. */
    public synchronized WordPressTestServer requireCredentials(String user, String applicationPassword) {
        this.username = user;
        this.password = applicationPassword;
        return this;
    }

    public synchronized void setNow(Instant instant) {
        now = instant.truncatedTo(ChronoUnit.SECONDS);
    }

    public synchronized void advance(long seconds) {
        now = now.plusSeconds(seconds);
    }

    public synchronized Instant now() {
        return now;
    }

    /** Publishes (or republishes) post {@code id} of type posts; ids are the caller's so tests can name them. */
    public synchronized void publish(long id, String title, String html) {
        publish("posts", id, title, html);
    }

    public synchronized void publish(String type, long id, String title, String html) {
        Post post = posts.computeIfAbsent(id, k -> newPost(type, k));
        post.title = title;
        post.html = html;
        post.status = "publish";
        post.modified = now;
        nextId = Math.max(nextId, id + 1);
    }

    public synchronized void edit(long id, String title, String html) {
        Post post = existing(id);
        post.title = title;
        post.html = html;
        post.modified = now;
    }

    /** A new slug, and so a new link (a link with a control character breaks the contract). */
    public synchronized void rename(long id, String slug) {
        Post post = existing(id);
        post.slug = slug;
        post.modified = now;
    }

    /** Back to draft, as "Switch to draft" does. */
    public synchronized void unpublish(long id) {
        setStatus(id, "draft");
    }

    public synchronized void trash(long id) {
        setStatus(id, "trash");
    }

    public synchronized void deleteForever(long id) {
        posts.remove(id);
    }

    /** Puts a post behind a post password (content.protected). */
    public synchronized void protect(long id, String postPassword) {
        Post post = existing(id);
        post.password = postPassword;
        post.modified = now;
    }

    /** A post scheduled for later (status future). */
    public synchronized void schedule(long id, String title, String html) {
        publish("posts", id, title, html);
        posts.get(id).status = "future";
    }

    /** WordPress's cron publishing a scheduled post: wp_publish_post() changes the status and not post_modified. */
    public synchronized void goLive(long id) {
        existing(id).status = "publish";
    }

    /** The next {@code n} requests are answered 429 with Retry-After: {@code seconds}. */
    public synchronized void throttleNext(int n, int seconds) {
        throttled = n;
        throttleSeconds = seconds;
    }

    /** Every request is answered {@code status} (503 with Retry-After: 1) until {@link #recover()}. */
    public synchronized void failWith(int status) {
        failStatus = status;
    }

    /** Requests whose query holds every fragment are answered {@code status}, until {@link #recover()}. */
    public synchronized void failWhen(int status, String... queryFragments) {
        failWhenStatus = status;
        failWhen = List.of(queryFragments);
    }

    public synchronized void recover() {
        failStatus = 0;
        failWhenStatus = 0;
        failWhen = List.of();
    }

    /** Every request so far, as path?query. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public List<Instant> requestTimes() {
        return List.copyOf(requestTimes);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private Post newPost(String type, long id) {
        Post post = new Post();
        post.id = id;
        post.type = type;
        post.date = now;
        post.slug = "post-" + id;
        return post;
    }

    private Post existing(long id) {
        Post post = posts.get(id);
        if (post == null) {
            throw new IllegalArgumentException("no post " + id);
        }
        return post;
    }

    private void setStatus(long id, String status) {
        Post post = existing(id);
        post.status = status;
        post.modified = now;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestURI().getPath() + "?" + query);
        requestTimes.add(Instant.now());
        try (exchange) {
            Answer answer;
            synchronized (this) {
                answer = answer(exchange, query);
            }
            answer.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            byte[] body = answer.body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private static Answer error(int status, String code, String message) {
        return new Answer(status, Map.of(), "{\"code\":\"" + code + "\",\"message\":\"" + json(message)
                + "\",\"data\":{\"status\":" + status + "}}");
    }

    private Answer answer(HttpExchange exchange, String rawQuery) {
        if (throttled > 0) {
            throttled--;
            return new Answer(429, Map.of("Retry-After", Integer.toString(throttleSeconds)),
                    "{\"code\":\"too_many_requests\"}");
        }
        if (failStatus != 0) {
            return new Answer(failStatus, Map.of("Retry-After", "1"), "<html>Service Unavailable</html>");
        }
        if (failWhenStatus != 0 && failWhen.stream().allMatch(rawQuery::contains)) {
            return new Answer(failWhenStatus, Map.of("Retry-After", "1"), "<html>Service Unavailable</html>");
        }
        String type = exchange.getRequestURI().getPath().substring("/wp-json/wp/v2/".length());
        if (!type.equals("posts") && !type.equals("pages")) {
            return error(404, "rest_no_route", "No route was found matching the URL and request method.");
        }
        Map<String, String> q = parse(rawQuery);
        boolean authenticated = false;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8));
            if (username == null || !expected.equals(authorization)) {
                return error(401, "incorrect_password", "The provided password is an invalid application password.");
            }
            authenticated = true;
        }
        boolean edit = "edit".equals(q.get("context"));
        Set<String> statuses = new HashSet<>(Arrays.asList(q.getOrDefault("status", "publish").split(",")));
        if (!authenticated && (edit || !statuses.equals(Set.of("publish")))) {
            return error(401, edit ? "rest_forbidden_context" : "rest_invalid_param",
                    "Sorry, you are not allowed to edit posts in this post type.");
        }
        int perPage = Integer.parseInt(q.getOrDefault("per_page", "10"));
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        if (perPage < 1 || perPage > 100 || page < 1) {
            return error(400, "rest_invalid_param", "Invalid parameter(s): per_page");
        }
        Instant modifiedAfter = q.containsKey("modified_after") ? date(q.get("modified_after")) : null;
        Set<Long> include = q.containsKey("include") && !q.get("include").isEmpty()
                ? Arrays.stream(q.get("include").split(",")).map(Long::parseLong).collect(Collectors.toSet()) : null;
        List<Post> matching = posts.values().stream()
                .filter(p -> p.type.equals(type) && statuses.contains(p.status))
                .filter(p -> modifiedAfter == null || p.modified.isAfter(modifiedAfter))
                .filter(p -> include == null || include.contains(p.id))
                .sorted(order(q.getOrDefault("orderby", "date"), q.getOrDefault("order", "desc")))
                .toList();
        int total = matching.size();
        int totalPages = (total + perPage - 1) / perPage;
        if (page > totalPages && total > 0) {
            return error(400, "rest_post_invalid_page_number",
                    "The page number requested is larger than the number of pages available.");
        }
        List<Post> slice = matching.subList(Math.min(total, (page - 1) * perPage), Math.min(total, page * perPage));
        Set<String> fields = q.containsKey("_fields") ? Set.of(q.get("_fields").split(",")) : null;
        String body = slice.stream().map(p -> render(p, fields, edit)).collect(Collectors.joining(",", "[", "]"));
        return new Answer(200, Map.of("X-WP-Total", Integer.toString(total), "X-WP-TotalPages",
                Integer.toString(totalPages)), body);
    }

    private static Comparator<Post> order(String orderby, String order) {
        Comparator<Post> by = switch (orderby) {
            case "modified" -> Comparator.comparing((Post p) -> p.modified);
            case "id" -> Comparator.comparingLong((Post p) -> p.id);
            default -> Comparator.comparing((Post p) -> p.date);
        };
        // Ties in the order a database would likely give them: by id.
        by = by.thenComparingLong(p -> p.id);
        return "asc".equals(order) ? by : by.reversed();
    }

    private String render(Post p, Set<String> fields, boolean edit) {
        boolean isProtected = !p.password.isEmpty();
        // WordPress renders a protected post's content only for its editors asking with context=edit.
        String content = isProtected && !edit ? "" : p.html;
        Map<String, String> all = new LinkedHashMap<>();
        all.put("id", Long.toString(p.id));
        all.put("date_gmt", quote(gmt(p.date)));
        all.put("modified_gmt", quote(gmt(p.modified)));
        all.put("slug", quote(p.slug));
        all.put("status", quote(p.status));
        all.put("type", quote(p.type.equals("pages") ? "page" : "post"));
        all.put("link", quote(baseUrl() + "/" + p.slug + "/"));
        all.put("title", "{" + (edit ? "\"raw\":" + quote(p.title) + "," : "") + "\"rendered\":"
                + quote(texturize(p.title)) + "}");
        all.put("content", "{" + (edit ? "\"raw\":" + quote(p.html) + "," : "") + "\"rendered\":" + quote(content)
                + ",\"protected\":" + isProtected + "}");
        all.put("author", Long.toString(p.author));
        if (p.type.equals("posts")) {
            all.put("categories", p.categories.toString().replace(" ", ""));
            all.put("tags", p.tags.toString().replace(" ", ""));
        }
        return all.entrySet().stream()
                .filter(e -> fields == null || fields.contains(e.getKey()))
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** The title as WordPress renders it: characters as references (wptexturize's curly quotes, an ampersand). */
    private static String texturize(String title) {
        return title.replace("&", "&#038;").replace("'", "&#8217;").replace("<", "&lt;");
    }

    /** WordPress's *_gmt fields: UTC without an offset, to the second. */
    private static String gmt(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static Instant date(String text) {
        // rest_parse_date: RFC 3339, the offset optional (then the site's time zone, UTC here).
        String t = text.toUpperCase(Locale.ROOT);
        if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return OffsetDateTime.parse(t).toInstant();
        }
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> q = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return q;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            q.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + json(s) + "\"";
    }

    /** A JSON string's content; slashes escaped as PHP's json_encode does. */
    private static String json(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c == '"' || c == '\\' || c == '/' ? "\\" + c : c < 0x20 ? String.format("\\u%04x", (int) c)
                    : String.valueOf(c));
        }
        return out.toString();
    }
}
