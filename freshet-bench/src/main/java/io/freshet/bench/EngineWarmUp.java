package io.freshet.bench;

import io.freshet.bench.BeirDataset.CorpusDocument;
import io.freshet.contract.index.ChunkIndex;
import io.freshet.embedding.ModelSpec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Warms OpenSearch's JIT before anything is timed: bulk writes into an HNSW index, refreshes and the merges they
 * cause, k-NN and BM25 searches, all in a scratch index that is deleted afterwards. The node is shared by Freshet's
 * ingestion and by the peer, which runs later: without this, Freshet paid the node's compilation (a third of
 * OpenSearch's CPU in a 2,000-document ingestion) and the peer wrote to a warm node. The services and the peer's own
 * process stay cold: each side pays for its own code.
 */
final class EngineWarmUp {

    static final String INDEX = "bench-engine-warm-up";
    private static final int BULK_DOCUMENTS = 100;
    private static final int DIMENSIONS = ModelSpec.BGE_SMALL_EN_V15_INT8.dimensions();
    /** HNSW degree and build beam: any values run the same code, which is all a warm-up needs. */
    private static final int HNSW_M = 16;
    private static final int HNSW_EF_CONSTRUCTION = 100;

    private final String openSearchUrl;
    private final JsonHttp http = new JsonHttp(Duration.ofMinutes(2));
    private final Consumer<String> say;

    EngineWarmUp(String openSearchUrl, Consumer<String> say) {
        this.openSearchUrl = openSearchUrl;
        this.say = say;
    }

    /** Writes {@code documents} scratch passages (texts from the corpus, random vectors) and searches them. */
    void run(List<CorpusDocument> corpus, int documents, int searches) {
        if (corpus.isEmpty() || documents <= 0) {
            return;
        }
        long started = System.nanoTime();
        http.delete(openSearchUrl + "/" + INDEX);
        check(http.put(openSearchUrl + "/" + INDEX, ChunkIndex.indexBody(DIMENSIONS, HNSW_M, HNSW_EF_CONSTRUCTION, 1, 0)), "create");
        Random random = new Random(7);
        try {
            for (int from = 0; from < documents; from += BULK_DOCUMENTS) {
                StringBuilder bulk = new StringBuilder();
                for (int i = from; i < Math.min(documents, from + BULK_DOCUMENTS); i++) {
                    CorpusDocument document = corpus.get(i % corpus.size());
                    bulk.append(JsonHttp.JSON.writeValueAsString(Map.of("index", Map.of("_id", "w" + i)))).append('\n');
                    bulk.append(JsonHttp.JSON.writeValueAsString(Map.of(
                            ChunkIndex.DOCUMENT_ID, document.id(), ChunkIndex.TEXT, document.content(),
                            ChunkIndex.ACL_PUBLIC, true, ChunkIndex.EMBEDDING, randomVector(random)))).append('\n');
                }
                check(http.post(openSearchUrl + "/" + INDEX + "/_bulk", bulk.toString()), "bulk-write");
                check(http.post(openSearchUrl + "/" + INDEX + "/_refresh", "{}"), "refresh");
            }
            for (int i = 0; i < searches; i++) {
                Object query = i % 2 == 0
                        ? Map.of("knn", Map.of(ChunkIndex.EMBEDDING, Map.of("vector", randomVector(random), "k", 50)))
                        : Map.of("match", Map.of(ChunkIndex.TEXT, corpus.get(random.nextInt(corpus.size())).title()));
                check(http.post(openSearchUrl + "/" + INDEX + "/_search",
                        Map.of("size", 50, "_source", false, "query", query)), "search");
            }
        } finally {
            http.delete(openSearchUrl + "/" + INDEX);
        }
        say.accept(String.format("OpenSearch warmed up: %d passages written, %d searches (%.1f s)", documents, searches,
                (System.nanoTime() - started) / 1e9));
    }

    private static float[] randomVector(Random random) {
        float[] vector = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            vector[i] = (float) random.nextGaussian(); // cosine similarity: no need to normalise
        }
        return vector;
    }

    private static void check(JsonHttp.Reply reply, String what) {
        if (!reply.ok() || reply.json() != null && reply.json().path("errors").asBoolean(false)) {
            String body = reply.body() == null ? "" : reply.body();
            throw new IllegalStateException("OpenSearch warm-up " + what + " failed: HTTP " + reply.status() + " "
                    + body.substring(0, Math.min(300, body.length())));
        }
    }
}
