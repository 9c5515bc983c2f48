package io.freshet.bench;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.Map;

/**
 * The fill of the index to the latency phase's size (report.json's "fill").
 *
 * @param filled how the fill went; absent when the index already held the target
 */
record FillResult(long chunksBefore, long targetChunks, int documentsBundled, @JsonUnwrapped Filled filled) {

    /**
     * @param indexOnlyChunksPerS chunks per second through index-service alone (fill documents bypass ingest and embed)
     * @param index               the chunk index's docs, segments and size after the fill
     */
    record Filled(long chunksAfter, int fillDocuments, Double seconds, Double indexOnlyChunksPerS, Map<String, Object> index) {
    }
}
