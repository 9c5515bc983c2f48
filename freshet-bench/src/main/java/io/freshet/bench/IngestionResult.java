package io.freshet.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;
import java.util.Map;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

/**
 * The measured ingestion of the corpus through the whole pipeline (report.json's "ingestion").
 *
 * @param warmupDocuments              documents sent through before the clock started; absent without a warm-up
 * @param rejections                   the first rejections with their reasons; absent when none was rejected
 * @param rate                         absent when nothing was indexed (nothing to time)
 * @param pipelineFreshnessHistogramMs index-service's freshness histogram over the bulk load; absent if unscraped
 */
record IngestionResult(
        @JsonInclude(NON_NULL) Integer warmupDocuments,
        int documents,
        long indexed,
        long rejected,
        long pending,
        long blankInCorpus,
        long chunks,
        Double publishSeconds,
        @JsonInclude(NON_NULL) List<String> rejections,
        Map<String, Long> deadLettered,
        @JsonUnwrapped Rate rate,
        @JsonInclude(NON_NULL) HistogramSummary pipelineFreshnessHistogramMs,
        long chunksInIndex) {

    /**
     * First publish → last INDEXED status record, rounded for the report.
     *
     * @param exactDocumentsPerSecond unrounded: the loaded freshness phase paces its background load by it
     */
    record Rate(@JsonIgnore double exactDocumentsPerSecond, Double seconds, Double documentsPerS, Double chunksPerS) {
    }
}
