package io.freshet.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The peer's index, set up before the store writes to it. OpenSearchEmbeddingStore would create it itself with a
 * knn_vector that names no method, which takes the plugin's default engine (nmslib/faiss): those have no native
 * libraries in the Maven k-NN plugin and crash this node. So it is created here with the one that works, lucene
 * HNSW, with Freshet's m / ef_construction, 1 shard, OpenSearch's default refresh (1 s), and the store's own fields.
 */
final class PeerIndex {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String indexUrl;

    PeerIndex(String openSearchUrl, String index) {
        this.indexUrl = openSearchUrl + "/" + index;
    }

    /** The store's mapping (vector, text, metadata) with the vector field on lucene HNSW. */
    static String body(int dimensions, int m, int efConstruction) {
        return """
                {
                  "settings": {"index": {"knn": true, "number_of_shards": 1, "number_of_replicas": 0}},
                  "mappings": {
                    "properties": {
                      "vector": {
                        "type": "knn_vector",
                        "dimension": %d,
                        "method": {"name": "hnsw", "engine": "lucene", "space_type": "cosinesimil",
                                   "parameters": {"m": %d, "ef_construction": %d}}
                      },
                      "text": {"type": "text"},
                      "metadata": {"type": "object"}
                    }
                  }
                }
                """.formatted(dimensions, m, efConstruction);
    }

    /** Creates the index; fails if it exists, as then the count would not be this run's. */
    void create(int dimensions, int m, int efConstruction) {
        send(HttpRequest.newBuilder(URI.create(indexUrl)).PUT(HttpRequest.BodyPublishers.ofString(body(dimensions, m, efConstruction)))
                .header("Content-Type", "application/json"), "create the index");
    }

    /** Makes everything written so far searchable, then counts the documents (segments) the index holds. */
    long refreshAndCount() {
        send(HttpRequest.newBuilder(URI.create(indexUrl + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody()), "refresh");
        JsonNode count = send(HttpRequest.newBuilder(URI.create(indexUrl + "/_count")).GET(), "count");
        return count.path("count").asLong(-1);
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("cannot " + what + " (" + built.method() + " " + built.uri() + "): HTTP "
                        + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot " + what + " (" + built.uri() + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }
}
