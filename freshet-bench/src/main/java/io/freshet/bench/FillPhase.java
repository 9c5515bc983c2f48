package io.freshet.bench;

import io.freshet.bench.IndexReader.StoredChunk;
import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.EmbeddedChunk;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.Operation;
import io.freshet.contract.event.Topics;
import io.freshet.embedding.ModelSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fill to the latency phase's index size: copies of the corpus chunks with their indexed vectors, bundled into
 * fill documents under new ids and published straight to the embedded topic, so only index-service works. Fails the
 * run when the fill stalls, the pipeline does not drain, or the index ends short of the target.
 */
final class FillPhase {

    /** Corpus documents per fill document: fewer, larger documents, as a real index has. */
    private static final int BUNDLE = 4;
    /** Longest wait for OpenSearch to finish merging after a fill. */
    private static final Duration MERGE_SETTLE_LIMIT = Duration.ofMinutes(5);

    private final BenchContext context;

    FillPhase(BenchContext context) {
        this.context = context;
    }

    FillResult run() {
        IndexReader index = context.index();
        List<StoredChunk> indexedCorpus = context.corpusChunks().get();
        index.refresh();
        long before = index.chunkCount();
        long target = context.options().fillChunks();
        if (before >= target) {
            context.say("The index already holds " + before + " chunks (target " + target + ")");
            return new FillResult(before, target, BUNDLE, null);
        }
        Map<String, List<StoredChunk>> byDocument = new LinkedHashMap<>();
        for (StoredChunk chunk : indexedCorpus) {
            byDocument.computeIfAbsent(chunk.documentId(), id -> new ArrayList<>()).add(chunk);
        }
        List<List<StoredChunk>> documents = new ArrayList<>(byDocument.values());
        context.say(String.format("Filling the index from %d to %d chunks: copies of the corpus chunks with their vectors, "
                + "%d corpus documents per fill document, published to %s (they bypass ingest and embed) ...",
                before, target, BUNDLE, Topics.EMBEDDED));
        long published = 0;
        int fillDocuments = 0;
        long start = System.currentTimeMillis();
        int copy = 0;
        outer:
        while (true) {
            copy++;
            for (int from = 0; from < documents.size(); from += BUNDLE) {
                List<StoredChunk> bundle = new ArrayList<>();
                documents.subList(from, Math.min(documents.size(), from + BUNDLE)).forEach(bundle::addAll);
                EmbeddedDocument fill = fillDocument("fill-" + copy + "-" + bundle.get(0).documentId(), bundle);
                context.publisher().publish(fill);
                published += fill.chunks().size();
                fillDocuments++;
                if (before + published >= target) {
                    break outer;
                }
            }
        }
        context.publisher().flush();
        context.say(String.format("  published %d fill documents (%d chunks) in %.1f s; waiting until the index holds %d chunks ...",
                fillDocuments, published, (System.currentTimeMillis() - start) / 1000.0, target));
        awaitChunks(before, before + published, start);
        context.awaitDrained();
        double seconds = (System.currentTimeMillis() - start) / 1000.0;
        index.refresh();
        long count = index.chunkCount();
        context.say(String.format("  %d chunks after %.1f s (%.0f chunks/s through index-service alone)", count, seconds,
                (count - before) / seconds));
        Map<String, Object> stats = new LinkedHashMap<>(index.chunkIndexStats());
        stats.put("merges_settled_after_s", settleMerges(context));
        FillResult.Filled filled = new FillResult.Filled(count, fillDocuments, Report.round(seconds, 1),
                Report.round((count - before) / seconds, 1), stats);
        if (count < target) {
            context.fail("the index holds " + count + " chunks, short of the " + target + " targeted for the latency phase");
        }
        return new FillResult(before, target, BUNDLE, filled);
    }

    /**
     * Lets OpenSearch finish merging what a fill wrote before searches are timed: an estate that grew over weeks is
     * searched merged, not mid-merge. Returns the seconds waited (null: still merging after the limit, said so).
     */
    static Double settleMerges(BenchContext context) {
        Double waited = context.index().awaitMergesSettled(MERGE_SETTLE_LIMIT);
        context.say(waited == null
                ? "  OpenSearch still merging after " + MERGE_SETTLE_LIMIT.toSeconds() + " s: searches measured during merges"
                : "  merges settled after " + waited + " s");
        return waited;
    }

    /** One fill document: the bundle's chunks, renumbered, under a new id and the fill's own source. */
    static EmbeddedDocument fillDocument(String id, List<StoredChunk> bundle) {
        List<EmbeddedChunk> chunks = new ArrayList<>(bundle.size());
        for (int i = 0; i < bundle.size(); i++) {
            StoredChunk c = bundle.get(i);
            chunks.add(new EmbeddedChunk(i, c.text(), c.page(), c.origin(), c.vector()));
        }
        DocumentHeader header = new DocumentHeader(id, CorpusChanges.SOURCE + "-fill", 1, Operation.UPSERT, bundle.get(0).title(),
                null, "text/plain", Map.of(), Acl.publicAcl(), Instant.now());
        return new EmbeddedDocument(header, bundle.get(0).contentHash(), ModelSpec.BGE_SMALL_EN_V15_INT8.id(), chunks);
    }

    /** Polls the chunk count until it reaches {@code expected}; a failure when it stops moving for the stall timeout. */
    private void awaitChunks(long before, long expected, long start) {
        long lastCount = before;
        long lastProgressAt = System.nanoTime();
        long nextReport = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long count;
        while ((count = context.index().chunkCount()) < expected) {
            long now = System.nanoTime();
            if (count != lastCount) {
                lastCount = count;
                lastProgressAt = now;
            } else if (now - lastProgressAt > Duration.ofSeconds(context.options().stallSeconds()).toNanos()) {
                context.fail("the fill stalled at " + count + " of " + expected + " chunks");
                return;
            }
            if (now > nextReport) {
                double elapsed = (System.currentTimeMillis() - start) / 1000.0;
                context.say(String.format("  ... %.0f s: %d chunks (%.0f chunks/s)", elapsed, count, (count - before) / elapsed));
                nextReport = now + Duration.ofSeconds(15).toNanos();
            }
            Threads.sleep(1000);
        }
    }
}
