package io.freshet.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * Retrieval quality at the corpus size, per search mode (report.json's "quality").
 *
 * @param searchLatencyAtCorpusSizeMs each mode's search latency over these queries (topK 100), by mode
 */
record QualityResult(
        Scores lexical,
        Scores vector,
        Scores hybrid,
        int queries,
        int documents,
        Map<String, LatencySummary> searchLatencyAtCorpusSizeMs) {

    /** The BEIR metrics averaged over the queries, rounded to 4 decimals (null without queries). */
    record Scores(
            @JsonProperty("ndcg@10") Double ndcg10,
            @JsonProperty("recall@100") Double recall100,
            @JsonProperty("mrr@10") Double mrr10) {
    }
}
