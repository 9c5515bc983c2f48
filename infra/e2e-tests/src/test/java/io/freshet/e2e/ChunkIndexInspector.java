package io.freshet.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks at the chunk index (and the status index) directly, to count what a user cannot see through the API
 * (duplicates, leftovers).
 */
final class ChunkIndexInspector {

    private static final String STATUS_INDEX = "freshet-documents";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI openSearch;
    private final String index;

    /** The index queries read (the alias). */
    ChunkIndexInspector(String openSearchUrl) {
        this(openSearchUrl, "freshet-chunks");
    }

    /** One index or alias by name, e.g. one model's chunk index. */
    ChunkIndexInspector(String openSearchUrl, String index) {
        this.openSearch = URI.create(openSearchUrl);
        this.index = index;
    }

    /** A chunk as stored: its OpenSearch id, its number within the document and the document version it is of. */
    record StoredChunk(String id, int number, long version) {
    }

    /** Chunks of one document in the index, after a refresh so that every write is counted. */
    long chunksOf(String documentId) {
        post("/" + index + "/_refresh", "");
        return post("/" + index + "/_count", "{\"query\": " + termQuery(documentId) + "}").path("count").asLong();
    }

    /** Every chunk of one document in the index (up to 1,000), ordered by number, after a refresh. */
    List<StoredChunk> storedChunksOf(String documentId) {
        post("/" + index + "/_refresh", "");
        JsonNode response = post("/" + index + "/_search", "{\"size\": 1000, \"_source\": [\"chunk_number\", \"version\"], "
                + "\"sort\": [{\"chunk_number\": \"asc\"}], \"query\": " + termQuery(documentId) + "}");
        List<StoredChunk> chunks = new ArrayList<>();
        for (JsonNode hit : response.path("hits").path("hits")) {
            chunks.add(new StoredChunk(hit.path("_id").asText(), hit.path("_source").path("chunk_number").asInt(-1),
                    hit.path("_source").path("version").asLong(-1)));
        }
        return chunks;
    }

    /** A chunk with the title and text it was stored with. */
    record ChunkContent(String documentId, int number, long version, String title, String text) {
        @Override
        public String toString() {
            return "#" + number + " v" + version + " '" + title + "'";
        }
    }

    /** Every chunk of these documents (up to 10,000), by document, each ordered by number, after a refresh. */
    Map<String, List<ChunkContent>> chunksOf(Collection<String> documentIds) {
        post("/" + index + "/_refresh", "");
        JsonNode response = post("/" + index + "/_search", "{\"size\": 10000, "
                + "\"_source\": [\"document_id\", \"chunk_number\", \"version\", \"title\", \"text\"], "
                + "\"sort\": [{\"chunk_number\": \"asc\"}], \"query\": {\"terms\": {\"document_id\": "
                + FreshetClient.JSON.valueToTree(documentIds) + "}}}");
        Map<String, List<ChunkContent>> chunks = new HashMap<>();
        for (JsonNode hit : response.path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            ChunkContent chunk = new ChunkContent(source.path("document_id").asText(), source.path("chunk_number").asInt(-1),
                    source.path("version").asLong(-1), source.path("title").asText(), source.path("text").asText());
            chunks.computeIfAbsent(chunk.documentId(), id -> new ArrayList<>()).add(chunk);
        }
        return chunks;
    }

    /** A status record: the version applied, its state and how many chunks that version has. */
    record Status(long version, String state, int chunks) {
    }

    /** The status records of these documents that exist, read by id (real time: no refresh needed). */
    Map<String, Status> statusesOf(Collection<String> documentIds) {
        JsonNode response = post("/" + STATUS_INDEX + "/_mget", "{\"ids\": " + FreshetClient.JSON.valueToTree(documentIds) + "}");
        Map<String, Status> statuses = new HashMap<>();
        for (JsonNode doc : response.path("docs")) {
            if (doc.path("found").asBoolean()) {
                JsonNode source = doc.path("_source");
                statuses.put(doc.path("_id").asText(), new Status(source.path("version").asLong(-1),
                        source.path("state").asText(), source.path("chunks").asInt(-1)));
            }
        }
        return statuses;
    }

    private static String termQuery(String documentId) {
        return "{\"term\": {\"document_id\": " + FreshetClient.JSON.valueToTree(documentId) + "}}";
    }

    private JsonNode post(String path, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(openSearch.resolve(path))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return FreshetClient.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
