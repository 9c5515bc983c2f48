package io.freshet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened during the soak, bucketed by time since its start (a minute per bucket, or less for the smoke run):
 * updates published and failed, queries and their errors and latency, the highest consumer lag sampled, and the
 * pipeline's freshness histogram over the bucket. Events arrive from several threads and out of order (a publish is
 * counted in the bucket it was sent in, when Kafka acknowledges it). Pure: no clock of its own.
 */
final class SoakTimeline {

    private final long bucketMillis;
    private final Map<Integer, Counts> buckets = new TreeMap<>();

    SoakTimeline(int bucketSeconds) {
        if (bucketSeconds <= 0) {
            throw new IllegalArgumentException("bucket of " + bucketSeconds + " s");
        }
        this.bucketMillis = bucketSeconds * 1000L;
    }

    int bucketSeconds() {
        return (int) (bucketMillis / 1000);
    }

    /** The bucket an event at {@code atMillis} since the start belongs to. */
    int bucketOf(long atMillis) {
        return (int) (Math.max(0, atMillis) / bucketMillis);
    }

    synchronized void published(long atMillis, boolean ok) {
        Counts c = counts(bucketOf(atMillis));
        if (ok) {
            c.published++;
        } else {
            c.publishFailures++;
        }
    }

    synchronized void queried(long atMillis, boolean ok, double millis) {
        Counts c = counts(bucketOf(atMillis));
        if (ok) {
            c.queryMillis.add(millis);
        } else {
            c.queryErrors++;
        }
    }

    /** A consumer lag sample; a negative one (Kafka could not tell) is ignored. */
    synchronized void lag(long atMillis, long lag) {
        if (lag < 0) {
            return;
        }
        Counts c = counts(bucketOf(atMillis));
        c.maxLag = c.maxLag == null ? lag : Math.max(c.maxLag, lag);
    }

    synchronized void freshness(int bucket, HistogramSummary observed) {
        counts(bucket).freshness = observed;
    }

    /** One row per bucket of a soak that lasted {@code durationMillis}, empty buckets included. */
    synchronized List<SoakResult.Bucket> buckets(long durationMillis) {
        int last = Math.max(0, bucketOf(Math.max(0, durationMillis - 1)));
        List<SoakResult.Bucket> rows = new ArrayList<>();
        for (int b = 0; b <= last; b++) {
            Counts c = buckets.getOrDefault(b, new Counts());
            LatencySample queries = new LatencySample(c.queryMillis);
            HistogramSummary f = c.freshness;
            rows.add(new SoakResult.Bucket(b + 1, Report.round(b * bucketMillis / 1000.0, 0),
                    Report.round(Math.min((b + 1) * bucketMillis, durationMillis) / 1000.0, 0),
                    c.published, c.publishFailures, c.queryMillis.size() + c.queryErrors, c.queryErrors,
                    Report.round(queries.percentile(50), 1), Report.round(queries.percentile(99), 1), c.maxLag,
                    f == null ? null : f.p50(), f == null ? null : f.p99(), f == null ? null : f.count()));
        }
        return rows;
    }

    /** Latency of every successful query of the soak. */
    synchronized LatencySummary queryLatency() {
        List<Double> all = new ArrayList<>();
        buckets.values().forEach(c -> all.addAll(c.queryMillis));
        return new LatencySample(all).summary();
    }

    private Counts counts(int bucket) {
        return buckets.computeIfAbsent(bucket, b -> new Counts());
    }

    private static final class Counts {
        long published;
        long publishFailures;
        long queryErrors;
        final List<Double> queryMillis = new ArrayList<>();
        Long maxLag;
        HistogramSummary freshness;
    }
}
