package io.freshet.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

/**
 * Pipeline against bare-model throughput (report.json's "throughput"): the pipeline's rate from the ingestion
 * phase, the bare model's from the bare-embedding phase (absent when that phase did not run).
 */
record ThroughputResult(Double pipelineDocumentsPerS, Double pipelineChunksPerS, @JsonUnwrapped Bare bare,
                        @JsonUnwrapped PeerComparison peer) {

    static ThroughputResult of(IngestionResult.Rate pipeline, Bare bare) {
        return of(pipeline, bare, null);
    }

    /** With the peer phase's comparison (null when it did not run). */
    static ThroughputResult of(IngestionResult.Rate pipeline, Bare bare, PeerComparison peer) {
        return new ThroughputResult(pipeline.documentsPerS(), pipeline.chunksPerS(), bare, peer);
    }

    /**
     * The bare-embedding phase's result.
     *
     * @param ratio   pipeline ÷ bare chunks per second; absent without a pipeline rate
     * @param details how the baseline ran, and how close its vectors came to the indexed ones
     */
    record Bare(Double bareChunksPerS, @JsonInclude(NON_NULL) Double ratio, @JsonProperty("bare") BareRun details) {
    }

    record BareRun(
            int chunks,
            int chunksInIndex,
            Double seconds,
            int threads,
            int intraOpThreads,
            int batchSize,
            Double meanInputTokens,
            Double cosineToIndexedMin,
            Double cosineToIndexedMean,
            int vectorsDiffering) {
    }
}
