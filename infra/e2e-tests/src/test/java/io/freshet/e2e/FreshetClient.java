package io.freshet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

/** Speaks to the running services over HTTP, the way an internal app or a connector would. */
final class FreshetClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI ingest;
    private final URI query;

    FreshetClient(URI ingest, URI query) {
        this.ingest = ingest;
        this.query = query;
    }

    static ObjectNode textDocument(String id, long version, String title, String text) {
        ObjectNode change = JSON.createObjectNode()
                .put("id", id).put("source", "e2e").put("version", version).put("op", "UPSERT")
                .put("title", title).put("url", "https://intranet.example.com/" + id)
                .put("contentType", "text/plain").put("occurredAt", Instant.now().toString());
        change.putObject("content").put("text", text);
        change.putObject("metadata").put("suite", "e2e");
        change.putObject("acl").put("public", true).putArray("principals");
        return change;
    }

    static ObjectNode deletion(String id, long version) {
        return JSON.createObjectNode().put("id", id).put("source", "e2e").put("version", version)
                .put("op", "DELETE").put("occurredAt", Instant.now().toString());
    }

    int postDocument(JsonNode change) {
        return send(HttpRequest.newBuilder(ingest.resolve("/v1/documents"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(change.toString()))).statusCode();
    }

    int deleteDocument(String id, long version) {
        return send(HttpRequest.newBuilder(ingest.resolve("/v1/documents/" + encode(id) + "?version=" + version))
                .DELETE()).statusCode();
    }

    List<Hit> search(String text, int topK, String mode, String principals) {
        ObjectNode body = JSON.createObjectNode().put("query", text).put("topK", topK).put("mode", mode);
        HttpRequest.Builder request = HttpRequest.newBuilder(query.resolve("/v1/search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (principals != null) {
            request.header("X-Freshet-Principals", principals);
        }
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
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))));
        List<String> cited = new ArrayList<>();
        response.path("citations").forEach(c -> cited.add(c.path("documentId").asText()));
        return new Answer(response.path("answer").asText(), response.path("grounded").asBoolean(), cited, response);
    }

    /** The status record, or null while the document is unknown. */
    JsonNode status(String id) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(query.resolve("/v1/documents/" + encode(id))).GET());
        return response.statusCode() == 404 ? null : json(response);
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
