package io.freshet.bench;

import java.util.List;
import java.util.Objects;

/**
 * Throughput with one and with two instances of embed-service (report.json's "embed_instances").
 *
 * @param documents   the corpus documents each load published (the ingestion phase's)
 * @param loads       one per instance count that was measured, in the order run
 * @param twoOverOne  documents/s with two instances ÷ with one; absent unless both were measured
 */
record EmbedInstancesResult(int documents, List<Load> loads, Double twoOverOne) {

    /**
     * One load: first publish → last document settled and searchable, as the ingestion phase times it.
     *
     * @param cpuSecondsEmbed CPU seconds of all embed-service instances over the load, from /proc (absent if unread)
     */
    record Load(int instances, long indexed, long chunks, Double seconds, Double documentsPerS, Double chunksPerS,
                Double cpuSecondsEmbed) {
    }

    /** The section from the loads measured (null for one that did not run or failed); null without any. */
    static EmbedInstancesResult of(int documents, Load one, Load two) {
        List<Load> loads = java.util.stream.Stream.of(one, two).filter(Objects::nonNull).toList();
        if (loads.isEmpty()) {
            return null;
        }
        Double ratio = one != null && two != null && one.documentsPerS() != null && two.documentsPerS() != null
                && one.documentsPerS() > 0 ? Report.round(two.documentsPerS() / one.documentsPerS(), 3) : null;
        return new EmbedInstancesResult(documents, loads, ratio);
    }
}
