package io.freshet.bench;

import io.freshet.bench.BeirDataset.CorpusDocument;
import io.freshet.bench.IndexReader.StateCount;
import io.freshet.contract.event.DocumentChange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Ingestion: every corpus document published as a change event at once, timed from the first publish until the
 * status index holds the last one INDEXED (or REJECTED). Fails the run on documents left unprocessed, unexpected
 * rejections, dead letters, or a chunk index that disagrees with the status records.
 */
final class IngestionPhase {

    private static final String WARMUP_PREFIX = "bench-warmup-";
    private static final StateCount NONE = new StateCount(0, 0, null);

    private final BenchContext context;
    private final CorpusChanges changes;
    /** Status records the warm-up left behind (its documents, deleted). */
    private long warmupRecords;

    IngestionPhase(BenchContext context, CorpusChanges changes) {
        this.context = context;
        this.changes = changes;
    }

    IngestionResult run() {
        Integer warmupDocuments = warmUp();
        List<CorpusDocument> corpus = context.data().corpus();
        long blank = corpus.stream().filter(CorpusDocument::isBlank).count();
        context.say("Publishing " + corpus.size() + " documents to Kafka as DocumentChange events ...");
        PrometheusHistogram histogramBefore = context.services().freshnessHistogram();
        long firstPublish = System.currentTimeMillis();
        for (CorpusDocument document : corpus) {
            context.publisher().publish(changes.first(document));
        }
        context.publisher().flush();
        double publishSeconds = (System.currentTimeMillis() - firstPublish) / 1000.0;
        context.say(String.format("  published in %.1f s; waiting until every document is INDEXED (or REJECTED) ...", publishSeconds));

        Map<String, StateCount> states = LoadClock.awaitSettled(context, "", warmupRecords, corpus.size(), firstPublish);
        StateCount indexed = states.getOrDefault("INDEXED", NONE);
        StateCount rejected = states.getOrDefault("REJECTED", NONE);
        long pending = corpus.size() - indexed.documents() - rejected.documents();
        List<String> rejections = rejected.documents() > 0
                ? context.index().rejections(20).stream().map(r -> r.id() + ": " + r.reason()).toList() : null;
        Map<String, Long> deadLettered = context.backlog().deadLettered();
        if (pending > 0) {
            context.fail(pending + " of " + corpus.size() + " documents were not processed (neither INDEXED nor REJECTED)");
        }
        if (rejected.documents() > blank) {
            context.fail(rejected.documents() + " documents were REJECTED (" + blank + " blank in the corpus): " + rejections);
        }
        if (!deadLettered.isEmpty()) {
            context.fail("records were dead-lettered: " + deadLettered);
        }
        IngestionResult.Rate rate = null;
        if (indexed.lastUpdate() != null && indexed.documents() > 0) {
            // The clock stops when the last chunk is searchable (as the peer's does), not merely written.
            long searchableAt = LoadClock.awaitSearchable(context, indexed.chunks(), indexed.lastUpdate().toEpochMilli());
            double seconds = (Math.max(indexed.lastUpdate().toEpochMilli(), searchableAt) - firstPublish) / 1000.0;
            double documentsPerSecond = indexed.documents() / seconds;
            rate = new IngestionResult.Rate(documentsPerSecond, Report.round(seconds, 1), Report.round(documentsPerSecond, 2),
                    Report.round(indexed.chunks() / seconds, 2));
            context.say(String.format("  %d indexed, %d rejected, %d chunks in %.1f s: %.2f documents/s, %.2f chunks/s",
                    indexed.documents(), rejected.documents(), indexed.chunks(), seconds, documentsPerSecond,
                    indexed.chunks() / seconds));
        }
        // Event time → indexed during a bulk load: mostly time spent queued behind the other documents.
        HistogramSummary bulkFreshness = ServiceClient.observedSince(histogramBefore, context.services().freshnessHistogram());
        context.index().refresh();
        long inIndex = context.index().chunkCount();
        if (inIndex != indexed.chunks()) {
            context.fail("the chunk index holds " + inIndex + " chunks but the status records count " + indexed.chunks());
        }
        return new IngestionResult(warmupDocuments, corpus.size(), indexed.documents(), rejected.documents(), pending, blank,
                indexed.chunks(), Report.round(publishSeconds, 1), rejections, deadLettered, rate, bulkFreshness, inIndex);
    }

    /**
     * A few corpus documents under other ids through the whole pipeline, then deleted again, before the clock starts:
     * the measured ingestion is then the pipeline's steady rate rather than six JVMs compiling their hot paths.
     *
     * @return how many documents warmed up, or null for none
     */
    private Integer warmUp() {
        List<CorpusDocument> corpus = context.data().corpus();
        int n = Math.min(context.options().warmupDocuments(), corpus.size());
        if (n == 0) {
            return null;
        }
        List<CorpusDocument> sample = corpus.subList(corpus.size() - n, corpus.size());
        context.say("Warming up: " + n + " documents under other ids through the pipeline, then deleted (not measured) ...");
        long started = System.currentTimeMillis();
        for (CorpusDocument document : sample) {
            context.publisher().publish(CorpusChanges.change(WARMUP_PREFIX + document.id(), document, 1, document.content()));
        }
        context.publisher().flush();
        LoadClock.awaitSettled(context, "", 0, n, started);
        for (CorpusDocument document : sample) {
            context.publisher().publish(DocumentChange.delete(WARMUP_PREFIX + document.id(), CorpusChanges.SOURCE, 2, Instant.now()));
        }
        context.publisher().flush();
        int stallSeconds = context.options().stallSeconds();
        long deadline = System.nanoTime() + Duration.ofSeconds(stallSeconds).toNanos();
        while (context.index().statesByState().getOrDefault("DELETED", NONE).documents() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the warm-up documents were not deleted within " + stallSeconds + " s");
            }
            Threads.sleep(250);
        }
        warmupRecords = n;
        context.say(String.format("  warmed up in %.1f s", (System.currentTimeMillis() - started) / 1000.0));
        return n;
    }
}
