package io.freshet.bench;

import io.freshet.bench.IndexReader.StoredChunk;
import io.freshet.contract.event.EmbeddedDocument;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grows the index to one of the cost curve's sizes, as {@link FillPhase} does (copies of the corpus chunks with their
 * vectors, published straight to the embedded topic, so only index-service works), but built for large sizes:
 * bigger fill documents (one bulk request each) and the chunk index's refresh turned off until the fill has
 * drained, so Lucene writes fewer, larger segments and merges (which rebuild HNSW graphs) less often.
 */
final class CurveFill {

    /** Corpus documents per fill document: ~30 chunks, one bulk request of ~200 kB. */
    static final int BUNDLE = 16;

    private final BenchContext context;

    CurveFill(BenchContext context) {
        this.context = context;
    }

    CostCurveResult.Fill fillTo(long target) {
        IndexReader index = context.index();
        index.refresh();
        long before = index.chunkCount();
        if (before >= target) {
            return new CostCurveResult.Fill(before, before, 0, null, null);
        }
        List<List<StoredChunk>> documents = new ArrayList<>(byDocument(context.corpusChunks().get()).values());
        context.say(String.format("  filling from %d to %d chunks (%d corpus documents per fill document, refresh off) ...",
                before, target, BUNDLE));
        long start = System.nanoTime();
        index.setChunkRefreshInterval("-1");
        int fillDocuments = 0;
        try {
            long published = 0;
            outer:
            for (int copy = 1; ; copy++) {
                for (int from = 0; from < documents.size(); from += BUNDLE) {
                    List<StoredChunk> bundle = new ArrayList<>();
                    documents.subList(from, Math.min(documents.size(), from + BUNDLE)).forEach(bundle::addAll);
                    EmbeddedDocument fill = FillPhase.fillDocument("curve-fill-" + target + "-" + copy + "-"
                            + bundle.get(0).documentId(), bundle);
                    context.publisher().publish(fill);
                    published += fill.chunks().size();
                    fillDocuments++;
                    if (before + published >= target) {
                        break outer;
                    }
                }
            }
            context.publisher().flush();
            awaitDrained(fillDocuments, start);
        } finally {
            index.setChunkRefreshInterval("1s"); // the mapping's, as ChunkIndex creates it
        }
        index.refresh();
        long after = index.chunkCount();
        double seconds = (System.nanoTime() - start) / 1e9;
        context.say(String.format("  %d chunks after %.0f s (%.0f chunks/s through index-service alone)", after, seconds,
                (after - before) / seconds));
        if (after < target) {
            context.fail("the cost curve's fill to " + target + " chunks ended at " + after);
        }
        return new CostCurveResult.Fill(before, after, fillDocuments, Report.round(seconds, 1),
                Report.round((after - before) / seconds, 1));
    }

    /** With refresh off the count does not move, so progress is the consumer lag; a failure if it stalls. */
    private void awaitDrained(int fillDocuments, long start) {
        long stallNanos = Duration.ofSeconds(context.options().stallSeconds()).toNanos();
        long lastLag = Long.MAX_VALUE;
        long lastProgressAt = System.nanoTime();
        long nextReport = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long lag;
        while ((lag = context.safeLag()) != 0) {
            long now = System.nanoTime();
            if (lag >= 0 && lag < lastLag) {
                lastLag = lag;
                lastProgressAt = now;
            } else if (now - lastProgressAt > stallNanos) {
                throw new IllegalStateException("the cost curve's fill stalled (consumer lag " + lag + " for "
                        + context.options().stallSeconds() + " s)");
            }
            if (now > nextReport) {
                double elapsed = (now - start) / 1e9;
                context.say(String.format("  ... %.0f s: %d of %d fill documents still queued", elapsed, lag, fillDocuments));
                nextReport = now + Duration.ofSeconds(30).toNanos();
            }
            Threads.sleep(1000);
        }
    }

    private static Map<String, List<StoredChunk>> byDocument(List<StoredChunk> chunks) {
        Map<String, List<StoredChunk>> byDocument = new LinkedHashMap<>();
        for (StoredChunk chunk : chunks) {
            byDocument.computeIfAbsent(chunk.documentId(), id -> new ArrayList<>()).add(chunk);
        }
        return byDocument;
    }
}
