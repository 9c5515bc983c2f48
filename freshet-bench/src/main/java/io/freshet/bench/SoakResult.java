package io.freshet.bench;

import java.util.List;

/**
 * The soak (report.json's "soak"): updates at a fixed rate and searches at a fixed rate for a while, per bucket of
 * time; whether the lag stayed bounded; and, after the backlog drained, whether every update landed exactly once.
 *
 * @param targetUpdatesPerS the rate asked for; {@code sentUpdatesPerS} what was published (acknowledged) per second
 * @param rateBasis         where the target rate came from (a share of the measured ingestion rate, or --soak-rate)
 * @param chunks            chunks in the index when the soak started
 * @param deadLettered      records dead-lettered during the soak, by topic
 */
record SoakResult(
        Double seconds,
        int bucketSeconds,
        Double targetUpdatesPerS,
        Double sentUpdatesPerS,
        String rateBasis,
        Double targetQueriesPerS,
        long chunks,
        int documentsUpdated,
        long published,
        long publishFailures,
        long queries,
        long queryErrors,
        LatencySummary queryLatencyMs,
        Lag lag,
        Double drainSeconds,
        java.util.Map<String, Long> deadLettered,
        Verification verification,
        boolean passed,
        List<Bucket> buckets) {

    /**
     * One bucket of time (a minute, or 10 s in the smoke run).
     *
     * @param freshnessP50Ms index-service's freshet_index_freshness_seconds over the bucket (event time → indexed)
     */
    record Bucket(int bucket, Double fromS, Double toS, long published, long publishFailures, long queries,
                  long queryErrors, Double queryP50Ms, Double queryP99Ms, Long maxLag, Double freshnessP50Ms,
                  Double freshnessP99Ms, Long freshnessEvents) {
    }

    /** @param lastBucketMax the highest lag sampled in the last bucket; {@code max} over the whole soak */
    record Lag(long allowance, Long lastBucketMax, Long max, boolean growing, String judgement) {
    }

    /**
     * @param lost         documents whose last update is not what the index holds (no status, older version, not INDEXED)
     * @param duplicated   documents with chunks of another version, repeated chunks, or a chunk count the status disagrees with
     * @param staleChunks  chunks of a version other than the last one, over all documents
     */
    record Verification(int documents, int verified, int lost, int duplicated, long staleChunks, List<String> lostExamples,
                        List<String> duplicatedExamples) {
    }
}
