package io.freshet.bench;

import io.freshet.bench.BeirDataset.CorpusDocument;
import io.freshet.bench.BeirDataset.Query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak: updates of corpus documents at a fixed rate (default half the measured ingestion rate) while hybrid
 * /v1/search requests run at a fixed rate, for --soak-minutes; per bucket of time the updates, queries, errors,
 * highest consumer lag and the pipeline's freshness. Then it waits for the backlog to drain and checks every update
 * landed exactly once ({@link SoakVerification}). Fails the run on failed publishes or queries, dead letters, lost
 * or duplicated documents, and (not in the smoke run, which never judges speed) a lag still growing at the end.
 */
final class SoakPhase {

    private static final int QUERY_THREADS = 4;

    private final BenchContext context;
    private final CorpusChanges changes;
    private final double measuredDocumentsPerSecond;

    SoakPhase(BenchContext context, CorpusChanges changes, double measuredDocumentsPerSecond) {
        this.context = context;
        this.changes = changes;
        this.measuredDocumentsPerSecond = measuredDocumentsPerSecond;
    }

    SoakResult run() {
        ScaleOptions scale = context.options().scale();
        double rate = scale.soakRate() != null ? scale.soakRate() : ScaleOptions.SOAK_SHARE * measuredDocumentsPerSecond;
        String basis = scale.soakRate() != null ? "--soak-rate"
                : String.format("%.0f%% of the measured %.2f documents/s", ScaleOptions.SOAK_SHARE * 100, measuredDocumentsPerSecond);
        if (!(rate > 0)) {
            throw new IllegalStateException("no update rate for the soak (no measured ingestion rate and no --soak-rate)");
        }
        List<CorpusDocument> documents = context.data().corpus().stream().filter(d -> !d.isBlank()).toList();
        List<Query> queries = context.data().shuffledQueries();
        long durationMillis = Math.round(scale.soakMinutes() * 60) * 1000;
        SoakTimeline timeline = new SoakTimeline(scale.bucketSeconds());
        Map<String, Long> deadBefore = context.backlog().deadLettered();
        context.index().refresh();
        long chunks = context.index().chunkCount();
        context.say(String.format("Soak for %.0f s at %.2f updates/s (%s) and %.1f searches/s, at %d chunks ...",
                durationMillis / 1000.0, rate, basis, scale.soakQueryRate(), chunks));

        Set<String> updated = ConcurrentHashMap.newKeySet();
        AtomicInteger cursor = new AtomicInteger();
        long start = System.nanoTime();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2, r -> new Thread(r, "bench-soak-clock"));
        ExecutorService searchers = Executors.newFixedThreadPool(QUERY_THREADS, r -> new Thread(r, "bench-soak-search"));
        clock.scheduleAtFixedRate(() -> publishNext(documents, cursor, updated, timeline, elapsed(start)),
                0, Math.round(1e9 / rate), TimeUnit.NANOSECONDS);
        clock.scheduleAtFixedRate(() -> {
            int i = cursor.get();
            searchers.execute(() -> search(queries.get(Math.floorMod(i * 31 + (int) elapsed(start), queries.size())),
                    timeline, elapsed(start)));
        }, 0, Math.round(1e9 / scale.soakQueryRate()), TimeUnit.NANOSECONDS);

        PrometheusHistogram bucketStart = context.services().freshnessHistogram();
        int bucket = 0;
        while (elapsed(start) < durationMillis) {
            timeline.lag(elapsed(start), context.safeLag());
            int now = timeline.bucketOf(elapsed(start));
            if (now != bucket) {
                bucketStart = closeBucket(timeline, bucket, bucketStart);
                context.say("  " + describe(timeline.buckets(elapsed(start)).get(bucket)));
                bucket = now;
            }
            Threads.sleep(1000);
        }
        clock.shutdownNow();
        searchers.shutdown();
        awaitQuietly(searchers);
        try {
            context.publisher().flush();
        } catch (RuntimeException e) {
            context.say("  publishing failed: " + e.getMessage());
        }
        closeBucket(timeline, timeline.bucketOf(durationMillis - 1), bucketStart);
        List<SoakResult.Bucket> buckets = timeline.buckets(durationMillis);
        context.say("  " + describe(buckets.get(buckets.size() - 1)));

        context.say("  waiting for the pipeline to drain, then checking every updated document ...");
        long drainStart = System.nanoTime();
        context.awaitDrained();
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        context.index().refresh();
        List<String> ids = new ArrayList<>(updated);
        Map<String, Long> lastPublished = new HashMap<>();
        ids.forEach(id -> lastPublished.put(id, changes.version(id)));
        SoakResult.Verification verification = SoakVerification.verify(lastPublished, context.index().statuses(ids),
                context.index().chunkVersions(ids));
        Map<String, Long> deadLettered = newlyDeadLettered(deadBefore, context.backlog().deadLettered());
        SoakResult.Lag lag = LagTrend.judge(buckets.stream().map(SoakResult.Bucket::maxLag).toList(), rate);
        return result(timeline, buckets, rate, basis, chunks, ids.size(), lag, drainSeconds, deadLettered, verification);
    }

    private SoakResult result(SoakTimeline timeline, List<SoakResult.Bucket> buckets, double rate, String basis, long chunks,
                              int documents, SoakResult.Lag lag, double drainSeconds, Map<String, Long> deadLettered,
                              SoakResult.Verification verification) {
        ScaleOptions scale = context.options().scale();
        long published = buckets.stream().mapToLong(SoakResult.Bucket::published).sum();
        long publishFailures = buckets.stream().mapToLong(SoakResult.Bucket::publishFailures).sum();
        long queries = buckets.stream().mapToLong(SoakResult.Bucket::queries).sum();
        long queryErrors = buckets.stream().mapToLong(SoakResult.Bucket::queryErrors).sum();
        double seconds = buckets.get(buckets.size() - 1).toS();
        List<String> problems = new ArrayList<>();
        if (publishFailures > 0) {
            problems.add(publishFailures + " soak updates failed to publish");
        }
        if (queryErrors > 0) {
            problems.add(queryErrors + " of " + queries + " soak searches failed");
        }
        if (!deadLettered.isEmpty()) {
            problems.add("records were dead-lettered during the soak: " + deadLettered);
        }
        if (verification.lost() > 0) {
            problems.add(verification.lost() + " of " + verification.documents() + " soak documents lost their last update: "
                    + verification.lostExamples());
        }
        if (verification.duplicated() > 0) {
            problems.add(verification.duplicated() + " soak documents have stale or missing chunks: "
                    + verification.duplicatedExamples());
        }
        if (lag.growing() && !context.options().smoke()) {
            problems.add("the soak's consumer lag kept growing: " + lag.judgement());
        }
        problems.forEach(context::fail);
        context.say(String.format("  %d updates of %d documents, %d searches (%d failed); lag: %s; drained in %.1f s; "
                        + "verified %d of %d documents (%d lost, %d duplicated)", published, documents, queries, queryErrors,
                lag.judgement(), drainSeconds, verification.verified(), verification.documents(), verification.lost(),
                verification.duplicated()));
        return new SoakResult(seconds, timeline.bucketSeconds(), Report.round(rate, 2), Report.round(published / seconds, 2),
                basis, scale.soakQueryRate(), chunks, documents, published, publishFailures, queries, queryErrors,
                timeline.queryLatency(), lag, Report.round(drainSeconds, 1), deadLettered, verification,
                problems.isEmpty(), buckets);
    }

    private void publishNext(List<CorpusDocument> documents, AtomicInteger cursor, Set<String> updated, SoakTimeline timeline,
                             long at) {
        CorpusDocument document = documents.get(Math.floorMod(cursor.getAndIncrement(), documents.size()));
        try {
            long version = changes.nextVersion(document);
            updated.add(document.id());
            context.publisher().publish(CorpusChanges.change(document.id(), document, version,
                            document.content() + "\n\n" + word(version)))
                    .whenComplete((done, failure) -> timeline.published(at, failure == null));
        } catch (RuntimeException e) {
            timeline.published(at, false);
        }
    }

    private void search(Query query, SoakTimeline timeline, long at) {
        long t = System.nanoTime();
        boolean ok;
        try {
            ok = context.services().search(Map.of("query", query.searchText(), "topK", 10, "mode", "hybrid")).ok();
        } catch (RuntimeException e) {
            ok = false;
        }
        timeline.queried(at, ok, (System.nanoTime() - t) / 1e6);
    }

    /** Puts the freshness histogram observed over the bucket into the timeline; returns the scrape the next starts from. */
    private PrometheusHistogram closeBucket(SoakTimeline timeline, int bucket, PrometheusHistogram bucketStart) {
        PrometheusHistogram now = context.services().freshnessHistogram();
        HistogramSummary observed = ServiceClient.observedSince(bucketStart, now);
        if (observed != null) {
            timeline.freshness(bucket, observed);
        }
        return now;
    }

    private static String describe(SoakResult.Bucket b) {
        return String.format("%s-%s s: %d updates (%d failed), %d searches (%d failed, p99 %s ms), max lag %s, "
                        + "freshness p50 %s ms p99 %s ms", b.fromS(), b.toS(), b.published(), b.publishFailures(), b.queries(),
                b.queryErrors(), b.queryP99Ms(), b.maxLag(), b.freshnessP50Ms(), b.freshnessP99Ms());
    }

    private static Map<String, Long> newlyDeadLettered(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> added = new HashMap<>();
        after.forEach((topic, n) -> {
            long more = n - before.getOrDefault(topic, 0L);
            if (more > 0) {
                added.put(topic, more);
            }
        });
        return added;
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A word no document contains, different for every version, so each update changes the text (and is re-embedded). */
    private static String word(long version) {
        StringBuilder word = new StringBuilder("zqsoak");
        long n = version;
        do {
            word.append((char) ('a' + (n % 26)));
            n /= 26;
        } while (n > 0);
        return word.toString();
    }
}
