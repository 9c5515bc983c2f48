package io.freshet.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

/**
 * k-NN recall@10 against exact search at one index size (an entry of report.json's "knn_recall@10").
 *
 * @param byK one entry per k the approximate search was run with (10, and query-service's knn-k if larger)
 */
record KnnRecallResult(int queries, long chunks, List<AtK> byK, LatencySummary exactMs) {

    /** Recall@10 (rounded to 4 decimals) and the approximate search's latency, with k candidates. */
    record AtK(int k, Double recall, LatencySummary approximateMs) {
    }

    /** The keys name k ("k=100", "approximate_ms_k=100"), so the object is written by hand, in the report's order. */
    @JsonValue
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("queries", queries);
        json.put("chunks", chunks);
        for (AtK atK : byK) {
            json.put("k=" + atK.k(), atK.recall());
            json.put("approximate_ms_k=" + atK.k(), atK.approximateMs());
        }
        json.put("exact_ms", exactMs);
        return json;
    }

    /** report.json's "knn_recall@10": on the corpus-sized index and on the filled one, each absent when not run. */
    @JsonInclude(NON_NULL)
    record Section(KnnRecallResult corpus, KnnRecallResult filled) {
    }
}
