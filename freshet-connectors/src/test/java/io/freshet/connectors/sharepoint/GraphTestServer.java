package io.freshet.connectors.sharepoint;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static io.freshet.connectors.sharepoint.GraphShapes.decode;
import static io.freshet.connectors.sharepoint.GraphShapes.error;
import static io.freshet.connectors.sharepoint.GraphShapes.json;
import static io.freshet.connectors.sharepoint.GraphShapes.param;
import static io.freshet.connectors.sharepoint.GraphShapes.parseToken;
import static io.freshet.connectors.sharepoint.GraphShapes.q;

/**
 * A Microsoft Graph and Entra ID stand-in on 127.0.0.1 (JDK only, JSON as plain strings) speaking the documented
 * shapes the SharePoint connector uses: the client credentials token endpoint, drive delta with next and delta links
 * (410 once {@link #expireDeltaTokens()}), deleted items with the deleted facet, item permissions in pages, site drives,
 * item content (302 to the download URL) and pre-authenticated download URLs served by this server. Tests change files
 * and sharing ({@link GraphShapes} builds permissions), inject throttling (429 + Retry-After) and outages, and inspect
 * the recorded requests.
 */
public final class GraphTestServer implements AutoCloseable {

    /** One request as the server saw it. {@code authorization} is the Authorization header or null. */
    public record Request(String method, String path, String query, String authorization, long atNanos, int status) {
        public boolean isGraph() {
            return path.startsWith("/v1.0/");
        }

        public boolean isDownload() {
            return path.startsWith("/download/");
        }
    }

    private static final class Item {
        final String id;
        String name;
        byte[] bytes;
        String mimeType;
        boolean folder;
        boolean root;
        boolean deleted;
        boolean sharedChanged;
        long seq;
        int version;
        Instant lastModified;
        final List<String> permissions = new ArrayList<>();

        Item(String id) {
            this.id = id;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final String tenant = "tenant-" + Long.toHexString(System.nanoTime());
    private final String clientId = "client-" + Long.toHexString(System.nanoTime() >>> 3);
    private final String clientSecret = "secret-" + Long.toHexString(System.nanoTime() >>> 5);
    private final Map<String, Map<String, Item>> drives = new LinkedHashMap<>();
    private final Map<String, List<String>> sites = new HashMap<>();
    private final List<String> validTokens = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private long seq;
    private int generation;
    private int tokensIssued;
    private int pageSize = 100;
    private int permissionsPageSize = 100;
    private int throttled;
    private int throttleRetryAfter;
    private int outageStatus;

    private GraphTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static GraphTestServer start() {
        try {
            return new GraphTestServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String tenant() { return tenant; }

    public String clientId() { return clientId; }

    public String clientSecret() { return clientSecret; }

    public String origin() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    public String graphBaseUrl() { return origin() + "/v1.0"; }

    public String authorityUrl() { return origin(); }

    /** Adds or edits a file: a new change with lastModifiedDateTime now. */
    public synchronized void putFile(String driveId, String itemId, String name, byte[] bytes, String mimeType) {
        Item item = drive(driveId).computeIfAbsent(itemId, Item::new);
        item.name = name;
        item.bytes = bytes.clone();
        item.mimeType = mimeType;
        item.deleted = false;
        item.folder = false;
        touch(item, false);
        item.lastModified = Instant.now();
    }

    public synchronized void putFolder(String driveId, String itemId, String name) {
        Item item = drive(driveId).computeIfAbsent(itemId, Item::new);
        item.name = name;
        item.folder = true;
        touch(item, false);
        item.lastModified = Instant.now();
    }

    public synchronized void deleteFile(String driveId, String itemId) {
        Item item = existing(driveId, itemId);
        item.deleted = true;
        touch(item, false);
    }

    /** Adds one permission (JSON of a Graph permission: see {@link #userGrant} and friends): a sharing change. */
    public synchronized void grant(String driveId, String itemId, String permissionJson) {
        Item item = existing(driveId, itemId);
        item.permissions.add(permissionJson);
        touch(item, true);
    }

    /** Removes every permission of the item: a sharing change. */
    public synchronized void revokeAll(String driveId, String itemId) {
        Item item = existing(driveId, itemId);
        item.permissions.clear();
        touch(item, true);
    }

    public synchronized void addSite(String siteId, String... driveIds) {
        sites.put(siteId, List.of(driveIds));
        for (String d : driveIds) {
            drive(d);
        }
    }

    public synchronized void pageSize(int items) { pageSize = items; }

    public synchronized void permissionsPageSize(int permissions) { permissionsPageSize = permissions; }

    /** The next {@code n} Graph requests answer 429 with Retry-After. */
    public synchronized void throttleNext(int n, int retryAfterSeconds) {
        throttled = n;
        throttleRetryAfter = retryAfterSeconds;
    }

    /** Every Graph request answers this status until {@code failWith(0)}. */
    public synchronized void failWith(int status) { outageStatus = status; }

    /** Every delta and next link handed out so far answers 410 Gone (resyncRequired). */
    public synchronized void expireDeltaTokens() { generation++; }

    /** Access tokens issued so far are refused with 401. */
    public synchronized void revokeAccessTokens() { validTokens.clear(); }

    public synchronized int tokensIssued() { return tokensIssued; }

    public synchronized List<Request> requests() { return List.copyOf(requests); }

    public synchronized void clearRequests() { requests.clear(); }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private Map<String, Item> drive(String driveId) {
        return drives.computeIfAbsent(driveId, d -> {
            Map<String, Item> items = new LinkedHashMap<>();
            Item root = new Item("root-" + d);
            root.root = true;
            root.folder = true;
            root.name = "root";
            root.seq = ++seq;
            root.lastModified = Instant.now();
            items.put(root.id, root);
            return items;
        });
    }

    private Item existing(String driveId, String itemId) {
        Item item = drive(driveId).get(itemId);
        if (item == null) {
            throw new IllegalArgumentException("no item " + itemId + " in drive " + driveId);
        }
        return item;
    }

    private void touch(Item item, boolean sharing) {
        item.seq = ++seq;
        item.sharedChanged = sharing;
        if (!sharing) {
            item.version++;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        int status;
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String[] answer;
            synchronized (this) {
                answer = route(exchange, path, query == null ? "" : query, new String(body, StandardCharsets.UTF_8));
                status = Integer.parseInt(answer[0]);
                requests.add(new Request(exchange.getRequestMethod(), path, query,
                        exchange.getRequestHeaders().getFirst("Authorization"), System.nanoTime(), status));
            }
            byte[] out = answer[2] == null ? answerBytes(path) : answer[2].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer[1]);
            exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    /** {status, content type, body}; a null body means the download's bytes. */
    private String[] route(HttpExchange exchange, String path, String query, String body) {
        String[] p = path.split("/");
        if (path.equals("/" + tenant + "/oauth2/v2.0/token") && "POST".equals(exchange.getRequestMethod())) {
            return token(body);
        }
        if (path.startsWith("/download/") && p.length == 4) {
            Item item = drives.getOrDefault(decode(p[2]), Map.of()).get(decode(p[3]));
            if (item == null || item.deleted || item.folder || !query.equals("tempauth=" + tempauth(p[2], p[3]))) {
                return json(404, error("itemNotFound", "download URL is not valid"));
            }
            return new String[] {"200", item.mimeType.replaceAll("\\p{Cntrl}", ""), null};
        }
        if (!path.startsWith("/v1.0/")) {
            return json(404, error("notFound", "no such path"));
        }
        if (outageStatus != 0) {
            return json(outageStatus, error("serviceNotAvailable", "outage"));
        }
        if (throttled > 0) {
            throttled--;
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(throttleRetryAfter));
            return json(429, error("activityLimitReached", "throttled"));
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !validTokens.contains(auth.substring(7))) {
            return json(401, error("InvalidAuthenticationToken", "Access token is empty or invalid."));
        }
        if (p.length == 6 && p[2].equals("drives") && p[4].equals("root") && p[5].equals("delta")) {
            return delta(decode(p[3]), query, exchange.getRequestHeaders().getFirst("Prefer"));
        }
        if (p.length == 5 && p[2].equals("sites") && p[4].equals("drives")) {
            List<String> ids = sites.get(decode(p[3]));
            return ids == null ? json(404, error("itemNotFound", "no such site")) : json(200, "{\"value\":["
                    + ids.stream().map(id -> "{\"id\":" + q(id) + ",\"driveType\":\"documentLibrary\"}")
                    .collect(Collectors.joining(",")) + "]}");
        }
        if (p.length >= 6 && p[2].equals("drives") && p[4].equals("items")) {
            String driveId = decode(p[3]);
            Item item = drives.getOrDefault(driveId, Map.of()).get(decode(p[5]));
            if (item == null || item.deleted) {
                return json(404, error("itemNotFound", "The resource could not be found."));
            }
            if (p.length == 6) {
                return json(200, itemJson(driveId, item, false));
            }
            if (p[6].equals("permissions")) {
                return permissions(path, item, query);
            }
            if (p[6].equals("content")) {
                exchange.getResponseHeaders().set("Location", downloadUrl(driveId, item));
                return new String[] {"302", "text/plain", ""};
            }
        }
        return json(404, error("notFound", "no such path"));
    }

    private String[] token(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        if (!"client_credentials".equals(form.get("grant_type")) || form.get("scope") == null) {
            return json(400, "{\"error\":\"invalid_request\",\"error_description\":\"AADSTS900144: grant_type and scope\"}");
        }
        if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            return json(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}");
        }
        String token = "at-" + (++tokensIssued) + "-" + Long.toHexString(System.nanoTime());
        validTokens.add(token);
        return json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":"
                + q(token) + "}");
    }

    /** token=g{generation}s{since}: a delta link; $skiptoken=g{gen}s{since}a{after}u{upto}: a next link. */
    private String[] delta(String driveId, String query, String prefer) {
        Map<String, Item> items = drives.get(driveId);
        if (items == null) {
            return json(404, error("itemNotFound", "no such drive"));
        }
        long since = 0;
        long after = 0;
        long upto = seq;
        String token = param(query, "token");
        String skip = param(query, "$skiptoken");
        String t = skip != null ? skip : token;
        if (t != null) {
            long[] v = parseToken(t);
            if (v == null || v[0] != generation) {
                return json(410, error("resyncRequired", "Resync required. Replace any local items with the server's version."));
            }
            since = v[1];
            after = skip != null ? v[2] : 0;
            upto = skip != null ? v[3] : seq;
        }
        final long from = Math.max(since, after);
        final long to = upto;
        final boolean initial = since == 0;
        List<Item> page = items.values().stream()
                .filter(i -> i.seq > from && i.seq <= to && !(initial && i.deleted))
                .sorted(Comparator.comparingLong(i -> i.seq)).limit(pageSize).toList();
        boolean more = items.values().stream().filter(i -> i.seq > from && i.seq <= to && !(initial && i.deleted))
                .count() > page.size();
        boolean sharing = prefer != null && prefer.contains("deltashowsharingchanges");
        String base = graphBaseUrl() + "/drives/" + driveId + "/root/delta";
        String link = more
                ? "\"@odata.nextLink\":" + q(base + "?$skiptoken=g" + generation + "s" + since + "a"
                        + page.get(page.size() - 1).seq + "u" + to)
                : "\"@odata.deltaLink\":" + q(base + "?token=g" + generation + "s" + to);
        return json(200, "{\"@odata.context\":\"" + graphBaseUrl() + "/$metadata#Collection(driveItem)\",\"value\":["
                + page.stream().map(i -> i.deleted ? deletedJson(driveId, i) : itemJson(driveId, i, sharing))
                .collect(Collectors.joining(",")) + "]," + link + "}");
    }

    private String[] permissions(String path, Item item, String query) {
        String skip = param(query, "$skiptoken");
        int from = skip == null ? 0 : Integer.parseInt(skip);
        int to = Math.min(item.permissions.size(), from + permissionsPageSize);
        String next = to < item.permissions.size()
                ? ",\"@odata.nextLink\":" + q(origin() + path + "?$skiptoken=" + to) : "";
        return json(200, "{\"value\":[" + String.join(",", item.permissions.subList(from, to)) + "]" + next + "}");
    }

    private String itemJson(String driveId, Item i, boolean showSharing) {
        StringBuilder s = new StringBuilder("{\"id\":").append(q(i.id)).append(",\"name\":").append(q(i.name))
                .append(",\"eTag\":").append(q("\"{" + i.id + "}," + i.version + "\""))
                .append(",\"lastModifiedDateTime\":").append(q(i.lastModified.toString()))
                .append(",\"lastModifiedBy\":{\"user\":{\"email\":\"editor@contoso.com\",\"displayName\":\"Editor\"}}")
                .append(",\"webUrl\":").append(q("https://contoso.sharepoint.com/sites/x/Shared%20Documents/" + i.id))
                .append(",\"parentReference\":{\"driveId\":").append(q(driveId))
                .append(",\"driveType\":\"documentLibrary\"}");
        if (i.root) {
            s.append(",\"root\":{}");
        }
        if (i.folder) {
            s.append(",\"folder\":{\"childCount\":0}");
        } else {
            s.append(",\"size\":").append(i.bytes.length).append(",\"file\":{\"mimeType\":").append(q(i.mimeType))
                    .append("},\"@microsoft.graph.downloadUrl\":").append(q(downloadUrl(driveId, i)));
        }
        if (showSharing && i.sharedChanged) {
            s.append(",\"@microsoft.graph.sharedChanged\":\"True\"");
        }
        return s.append('}').toString();
    }

    private static String deletedJson(String driveId, Item i) {
        return "{\"id\":" + q(i.id) + ",\"deleted\":{\"state\":\"deleted\"},\"parentReference\":{\"driveId\":"
                + q(driveId) + "}" + (i.folder ? ",\"folder\":{}" : "") + "}";
    }

    private String downloadUrl(String driveId, Item item) {
        return origin() + "/download/" + driveId + "/" + item.id + "?tempauth=" + tempauth(driveId, item.id);
    }

    private static String tempauth(String driveId, String itemId) {
        return Integer.toHexString((driveId + "/" + itemId).hashCode());
    }

    private byte[] answerBytes(String path) {
        String[] p = path.split("/");
        synchronized (this) {
            return drives.get(decode(p[2])).get(decode(p[3])).bytes.clone();
        }
    }
}
