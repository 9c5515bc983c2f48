package io.freshet.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The cost curve (report.json's "cost_curve"): ingestion rate and /v1/search latency at growing index sizes.
 *
 * @param plots the PNG files drawn into the report folder
 */
record CostCurveResult(
        String searchRequest,
        int ingestionDocuments,
        List<Integer> clients,
        List<Point> sizes,
        List<String> plots) {

    /**
     * One index size.
     *
     * @param targetChunks the size asked for; {@code chunks} what the index held when the searches ran
     * @param search       /v1/search latency and throughput by concurrency ("clients_1", "clients_8", ...)
     */
    record Point(long targetChunks, long chunks, Fill fill, Ingestion ingestion,
                 @JsonProperty("search_ms") Map<String, LatencyResult.Clients> search) {
    }

    /** How the index got to the size: chunks before and after, fill documents, time and rate (null: no fill needed). */
    record Fill(long chunksBefore, long chunksAfter, int fillDocuments, Double seconds, Double chunksPerS) {
    }

    /**
     * A batch of corpus documents under new ids through the whole pipeline into the index of that size, timed from the
     * first publish to the last INDEXED status record, as the ingestion phase times the corpus.
     */
    record Ingestion(int documents, long indexed, long rejected, long chunks, Double seconds, Double documentsPerS,
                     Double chunksPerS) {
    }
}
