package io.freshet.bench;

import io.freshet.bench.BeirDataset.CorpusDocument;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Freshness: updates of a few probe documents, each carrying a word no document contains, timed from publish until
 * a lexical /v1/search returns the new text; idle, and under a background load of updates of other documents at a
 * share of the measured ingestion rate. Fails the run on probes that never became searchable.
 */
final class FreshnessPhase {

    private static final int PROBE_DOCUMENTS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 25;

    private final BenchContext context;
    private final CorpusChanges changes;
    /** The unrounded ingestion rate the background load is a share of; NaN without one. */
    private final double pipelineDocumentsPerSecond;
    /** One jitter sequence across the idle and the loaded phase, as one run has always drawn it. */
    private final Random random = new Random(42);

    FreshnessPhase(BenchContext context, CorpusChanges changes, double pipelineDocumentsPerSecond) {
        this.context = context;
        this.changes = changes;
        this.pipelineDocumentsPerSecond = pipelineDocumentsPerSecond;
    }

    FreshnessResult run(boolean loaded) {
        BenchOptions options = context.options();
        List<CorpusDocument> usable = context.data().corpus().stream().filter(d -> !d.isBlank()).toList();
        if (usable.size() < 2) {
            throw new IllegalStateException("too few documents for the freshness phase");
        }
        int probeCount = Math.min(PROBE_DOCUMENTS, usable.size() / 2);
        List<CorpusDocument> probes = usable.subList(0, probeCount);
        List<CorpusDocument> background = usable.subList(probeCount, usable.size());
        double rate = options.loadFraction() * pipelineDocumentsPerSecond;
        if (loaded && !(rate > 0)) {
            throw new IllegalStateException("no measured ingestion rate to derive the background load from");
        }
        PrometheusHistogram before = context.services().freshnessHistogram();
        ScheduledExecutorService load = null;
        AtomicLong backgroundUpdates = new AtomicLong();
        long loadStart = System.nanoTime();
        if (loaded) {
            context.say(String.format("Background load: updates of other documents at %.2f/s (%.0f%% of the measured %.2f documents/s); "
                    + "warming up 15 s ...", rate, options.loadFraction() * 100, pipelineDocumentsPerSecond));
            load = startBackgroundLoad(background, rate, backgroundUpdates);
            Threads.sleep(15_000);
        }
        String label = loaded ? "loaded" : "idle";
        context.say("Freshness (" + label + "): " + options.freshnessSamples() + " updates, each polled every "
                + POLL_MILLIS + " ms by a lexical /v1/search for its unique new word ...");
        List<Double> millis = new ArrayList<>();
        int timedOut = 0;
        int timedOutInARow = 0;
        for (int i = 0; i < options.freshnessSamples() && timedOutInARow < 3; i++) {
            CorpusDocument document = probes.get(i % probes.size());
            long version = changes.nextVersion(document);
            String word = token("probe", version * 1000 + i);
            long start = System.nanoTime();
            context.publisher().publish(CorpusChanges.change(document.id(), document, version, document.content() + "\n\n" + word));
            long deadline = start + TIMEOUT.toNanos();
            boolean seen = false;
            while (System.nanoTime() < deadline) {
                if (returnsNewText(document.id(), word)) {
                    seen = true;
                    break;
                }
                Threads.sleep(POLL_MILLIS);
            }
            if (seen) {
                millis.add((System.nanoTime() - start) / 1e6);
                timedOutInARow = 0;
            } else {
                timedOut++;
                timedOutInARow++;
                context.say("  update v" + version + " of " + document.id() + " was not searchable within " + TIMEOUT);
            }
            if ((i + 1) % 20 == 0) {
                LatencySample sofar = new LatencySample(millis);
                context.say(String.format("  ... %d samples, p50 %.0f ms, p95 %.0f ms", sofar.count(), sofar.percentile(50), sofar.percentile(95)));
            }
            Threads.sleep(200 + random.nextInt(500)); // jitter, so probes do not lock onto the index's 1 s refresh cycle
        }
        FreshnessResult.BackgroundLoad backgroundLoad = null;
        if (loaded) {
            load.shutdownNow();
            double seconds = (System.nanoTime() - loadStart) / 1e9;
            backgroundLoad = new FreshnessResult.BackgroundLoad(Report.round(rate, 2),
                    Report.round(backgroundUpdates.get() / seconds, 2), context.safeLag());
            context.say("  waiting for the pipeline to drain the background load ...");
            context.awaitDrained();
        }
        HistogramSummary histogram = ServiceClient.observedSince(before, context.services().freshnessHistogram());
        LatencySample sample = new LatencySample(millis);
        context.say(String.format("  %s: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (%d samples, %d timed out)", label,
                sample.percentile(50), sample.percentile(95), sample.percentile(99), millis.size(), timedOut));
        if (timedOut > 0) {
            context.fail(timedOut + " " + label + " freshness probes never became searchable within " + TIMEOUT);
        }
        return new FreshnessResult(sample.summary(), timedOut, backgroundLoad, histogram);
    }

    /** Updates of the background documents in turn, at {@code rate} per second, until shut down. */
    private ScheduledExecutorService startBackgroundLoad(List<CorpusDocument> background, double rate, AtomicLong sent) {
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-background-load"));
        AtomicInteger cursor = new AtomicInteger();
        load.scheduleAtFixedRate(() -> {
            try {
                CorpusDocument document = background.get(cursor.getAndIncrement() % background.size());
                long version = changes.nextVersion(document);
                context.publisher().publish(CorpusChanges.change(document.id(), document, version,
                        document.content() + "\n\n" + token("bg", version)));
                sent.incrementAndGet();
            } catch (RuntimeException e) {
                context.say("  background update failed: " + e.getMessage());
            }
        }, 0, Math.round(1e9 / rate), TimeUnit.NANOSECONDS);
        return load;
    }

    private boolean returnsNewText(String documentId, String word) {
        JsonHttp.Reply reply = context.services().searchOrNull(Map.of("query", word, "topK", 5, "mode", "lexical"));
        if (reply == null || !reply.ok() || reply.json() == null) {
            return false;
        }
        for (JsonNode hit : reply.json().path("hits")) {
            if (documentId.equals(hit.path("documentId").asString()) && hit.path("text").asString("").contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** A word no document contains, so a lexical search finds exactly the update that carries it. */
    private static String token(String kind, long number) {
        StringBuilder word = new StringBuilder(kind.equals("probe") ? "zqfresh" : "zqload");
        long n = number;
        do {
            word.append((char) ('a' + (n % 26)));
            n /= 26;
        } while (n > 0);
        return word.toString();
    }
}
