package io.freshet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.infra.LocalTokenIssuer;
import io.freshet.infra.RenewingToken;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Speaks to the running services over HTTP, the way an internal app or a connector would: every call carries a
 * bearer token from the issuer the services trust. Changes go with a connector token granted their sources;
 * queries with a person's token, by default {@link #READER}'s, who is in no group and so reads public documents only.
 */
final class FreshetClient {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The source of the changes the tests publish; their connector token is granted it and {@link #CORPUS_SOURCE}. */
    static final String SOURCE = "e2e";
    /** The source of DocumentCorpusTest's files. */
    static final String CORPUS_SOURCE = "corpus";
    /** Who searches when a test names no principals. */
    static final String READER = "e2e-reader";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI ingest;
    private final URI query;
    private final LocalTokenIssuer tokens;
    private final RenewingToken connector;
    private final Map<String, RenewingToken> readers = new ConcurrentHashMap<>();

    FreshetClient(URI ingest, URI query, LocalTokenIssuer tokens) {
        this.ingest = ingest;
        this.query = query;
        this.tokens = tokens;
        this.connector = RenewingToken.connector(tokens, "e2e-connector", List.of(SOURCE, CORPUS_SOURCE));
    }

    static ObjectNode textDocument(String id, long version, String title, String text) {
        ObjectNode change = JSON.createObjectNode()
                .put("id", id).put("source", SOURCE).put("version", version).put("op", "UPSERT")
                .put("title", title).put("url", "https://intranet.example.com/" + id)
                .put("contentType", "text/plain").put("occurredAt", Instant.now().toString());
        change.putObject("content").put("text", text);
        change.putObject("metadata").put("suite", "e2e");
        change.putObject("acl").put("public", true).putArray("principals");
        return change;
    }

    static ObjectNode deletion(String id, long version) {
        return JSON.createObjectNode().put("id", id).put("source", SOURCE).put("version", version)
                .put("op", "DELETE").put("occurredAt", Instant.now().toString());
    }

    int postDocument(JsonNode change) {
        return postDocument(change, null).statusCode();
    }

    /** A change sent in the trace a connector started ({@code traceparent}, W3C; null: none). */
    HttpResponse<String> postDocument(JsonNode change, String traceparent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(ingest.resolve("/v1/documents"))
                .header("Authorization", connector.header())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(change.toString()));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return send(request);
    }

    int deleteDocument(String id, long version) {
        return send(HttpRequest.newBuilder(ingest.resolve("/v1/documents/" + encode(id) + "?version=" + version
                + "&source=" + SOURCE)).header("Authorization", connector.header()).DELETE()).statusCode();
    }

    /**
     * A search as the reader whose principals these are (comma-separated, as query-service derives them from a
     * token: {@code group:hr} from the group {@code hr}, {@code alice} from the user); null: {@link #READER}.
     */
    List<Hit> search(String text, int topK, String mode, String principals) {
        ObjectNode body = JSON.createObjectNode().put("query", text).put("topK", topK).put("mode", mode);
        HttpRequest.Builder request = HttpRequest.newBuilder(query.resolve("/v1/search"))
                .header("Authorization", reader(principals).header())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        JsonNode response = json(send(request));
        List<Hit> hits = new ArrayList<>();
        for (JsonNode hit : response.path("hits")) {
            hits.add(new Hit(hit.path("documentId").asText(), hit.path("chunkId").asText(),
                    hit.path("title").asText(), hit.path("url").asText(), hit.path("text").asText(),
                    hit.path("score").asDouble()));
        }
        return hits;
    }

    List<Hit> search(String text) {
        return search(text, 10, "hybrid", null);
    }

    Answer answer(String question) {
        ObjectNode body = JSON.createObjectNode().put("question", question).put("topK", 5);
        JsonNode response = json(send(HttpRequest.newBuilder(query.resolve("/v1/answer"))
                .header("Authorization", reader(null).header())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))));
        List<String> cited = new ArrayList<>();
        response.path("citations").forEach(c -> cited.add(c.path("documentId").asText()));
        return new Answer(response.path("answer").asText(), response.path("grounded").asBoolean(), cited, response);
    }

    /** The status record as {@link #READER} sees it, or null while the document is unknown (or not theirs to read). */
    JsonNode status(String id) {
        return status(id, null);
    }

    /** The status record as the reader with these principals sees it (see {@link #search}), or null. */
    JsonNode status(String id, String principals) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(query.resolve("/v1/documents/" + encode(id)))
                .header("Authorization", reader(principals).header()).GET());
        return response.statusCode() == 404 ? null : json(response);
    }

    /** The token of the reader with these principals: {@code group:x} → group x, a plain one → the user. */
    private RenewingToken reader(String principals) {
        return readers.computeIfAbsent(principals == null ? "" : principals, key -> {
            String user = null;
            List<String> groups = new ArrayList<>();
            for (String principal : key.split(",")) {
                String p = principal.strip();
                if (p.startsWith("group:")) {
                    groups.add(p.substring("group:".length()));
                } else if (!p.isEmpty()) {
                    if (user != null) {
                        throw new IllegalArgumentException("one user per token, not " + user + " and " + p);
                    }
                    user = p;
                }
            }
            return RenewingToken.user(tokens, user == null ? READER : user, List.copyOf(groups));
        });
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    /** Each path segment encoded, the slashes kept: the services take the rest of the path as the id. */
    private static String encode(String id) {
        return java.util.Arrays.stream(id.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(java.util.stream.Collectors.joining("/"));
    }

    record Hit(String documentId, String chunkId, String title, String url, String text, double score) {
    }

    record Answer(String text, boolean grounded, List<String> citedDocuments, JsonNode raw) {
    }
}
