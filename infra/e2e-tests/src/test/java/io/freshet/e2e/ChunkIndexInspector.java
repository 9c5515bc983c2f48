package io.freshet.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Looks at the chunk index directly, to count what a user cannot see through the API (duplicates, leftovers). */
final class ChunkIndexInspector {

    private static final String CHUNK_INDEX = "freshet-chunks";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI openSearch;

    ChunkIndexInspector(String openSearchUrl) {
        this.openSearch = URI.create(openSearchUrl);
    }

    /** Chunks of one document in the index, after a refresh so that every write is counted. */
    long chunksOf(String documentId) {
        post("/" + CHUNK_INDEX + "/_refresh", "");
        String query = "{\"query\": {\"term\": {\"document_id\": " + FreshetClient.JSON.valueToTree(documentId) + "}}}";
        return post("/" + CHUNK_INDEX + "/_count", query).path("count").asLong();
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
