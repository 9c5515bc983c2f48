package io.freshet.connectors.wordpress;

import io.freshet.connectors.http.SourceHttp;
import io.freshet.connectors.http.SourceRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The WordPress REST API as the connector uses it (wp/v2 collections), over {@link SourceHttp}: failures arrive as its
 * SourceUnavailableException (ask again later) and SourceRefusedException (the request or credentials are wrong).
 */
final class WordPressClient {

    private static final Logger log = LoggerFactory.getLogger(WordPressClient.class);

    /** Every status a post can be in that the REST API lists; asked for only with credentials. */
    static final String ALL_STATUSES = "publish,future,draft,pending,private,trash";
    static final String POST_FIELDS = "id,date_gmt,modified_gmt,slug,status,type,link,title,content,author,categories,tags";

    /** One page of a collection and the totals WordPress sent with it (-1 when it sent none). */
    record Page<T>(List<T> items, long total, int totalPages) {
    }

    private final SourceHttp http;
    private final URI site;
    private final int pageSize;
    private final Map<String, String> headers;
    private final boolean authenticated;

    WordPressClient(SourceHttp http, URI site, int pageSize, String username, String password) {
        this.http = http;
        this.site = site;
        this.pageSize = pageSize;
        this.authenticated = username != null && !username.isEmpty();
        this.headers = authenticated
                ? Map.of("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)))
                : Map.of();
    }

    /** Posts modified after {@code modifiedAfter} (all when null), oldest modification first. */
    Page<WpPost> changes(String type, String modifiedAfter, int page) {
        Map<String, String> query = new LinkedHashMap<>();
        if (modifiedAfter != null) {
            query.put("modified_after", modifiedAfter);
        }
        query.put("orderby", "modified");
        query.put("order", "asc");
        if (authenticated) {
            // Drafts, trash and the rest are listed only to editors, and only with context=edit.
            query.put("status", ALL_STATUSES);
            query.put("context", "edit");
        } else {
            query.put("context", "view");
        }
        query.put("_fields", POST_FIELDS);
        return posts(type, query, page);
    }

    /** One page of the ids of every published post, in id order (a stable order while posts are edited). */
    Page<Long> publishedIds(String type, int page) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("status", "publish");
        query.put("orderby", "id");
        query.put("order", "asc");
        query.put("_fields", "id");
        query.put("per_page", Integer.toString(pageSize));
        query.put("page", Integer.toString(page));
        SourceHttp.JsonAnswer answer = http.getJsonAnswer(uri(type, query), headers);
        List<Long> ids = new ArrayList<>();
        for (JsonNode post : array(answer.body())) {
            ids.add(post.path("id").asLong());
        }
        return new Page<>(ids, header(answer.headers(), "X-WP-Total"), (int) header(answer.headers(), "X-WP-TotalPages"));
    }

    /** The published posts among {@code ids} (at most the page size), whole. */
    List<WpPost> published(String type, Collection<Long> ids) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("include", ids.stream().map(String::valueOf).collect(Collectors.joining(",")));
        query.put("status", "publish");
        query.put("context", authenticated ? "edit" : "view");
        query.put("_fields", POST_FIELDS);
        return posts(type, query, 1).items();
    }

    private Page<WpPost> posts(String type, Map<String, String> query, int page) {
        query.put("per_page", Integer.toString(pageSize));
        query.put("page", Integer.toString(page));
        SourceHttp.JsonAnswer answer;
        try {
            answer = http.getJsonAnswer(uri(type, query), headers);
        } catch (SourceRefusedException e) {
            // Asking past the last page (the collection shrank since): nothing more to read.
            if (e.status() == 400 && e.getMessage().contains("rest_post_invalid_page_number")) {
                return new Page<>(List.of(), -1, page - 1);
            }
            throw e;
        }
        List<WpPost> posts = new ArrayList<>();
        for (JsonNode node : array(answer.body())) {
            try {
                posts.add(post(type, node));
            } catch (RuntimeException e) {
                // One unreadable post must not stop the feed behind it; it is read again if it changes.
                log.warn("Skipped an unreadable {} of {} (id {}): {}", type, site, node.path("id"), e.getMessage());
            }
        }
        return new Page<>(posts, header(answer.headers(), "X-WP-Total"), (int) header(answer.headers(), "X-WP-TotalPages"));
    }

    static WpPost post(String type, JsonNode node) {
        String modified = node.path("modified_gmt").asString(null);
        if (modified == null || !node.path("id").isIntegralNumber()) {
            throw new IllegalArgumentException("a post without id or modified_gmt");
        }
        JsonNode content = node.path("content");
        return new WpPost(node.path("id").asLong(), type, node.path("status").asString("publish"),
                SyncState.parseGmt(modified), node.path("slug").asString(null), node.path("link").asString(null),
                node.path("title").path("rendered").asString(""), content.path("rendered").asString(""),
                content.path("protected").asBoolean(false), node.path("author").asLong(0), longs(node.path("categories")),
                longs(node.path("tags")));
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        for (JsonNode value : array) {
            values.add(value.asLong());
        }
        return values;
    }

    private static Iterable<JsonNode> array(JsonNode body) {
        if (!body.isArray()) {
            throw new io.freshet.connectors.http.SourceUnavailableException(
                    "the site answered a collection request with something other than a JSON array", null, null);
        }
        return body;
    }

    private static long header(HttpHeaders headers, String name) {
        try {
            return headers.firstValue(name).map(String::strip).map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private URI uri(String type, Map<String, String> query) {
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(site + "/wp-json/wp/v2/" + type + "?" + encoded);
    }
}
