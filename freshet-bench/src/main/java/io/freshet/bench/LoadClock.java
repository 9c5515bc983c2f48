package io.freshet.bench;

import io.freshet.bench.IndexReader.StateCount;
import io.freshet.contract.index.ChunkIndex;

import java.time.Duration;
import java.util.Map;

/**
 * How the bench times a load through the pipeline, for every figure in documents/s: from the first publish until the
 * status index holds every document settled (INDEXED or REJECTED) and the chunk index shows their chunks to searches.
 */
final class LoadClock {

    private LoadClock() {
    }

    /**
     * Polls the status records of the documents whose id starts with {@code idPrefix} ("" for all) until
     * {@code expected} more than {@code settledBefore} are settled, or nothing moves for the stall timeout.
     */
    static Map<String, StateCount> awaitSettled(BenchContext context, String idPrefix, long settledBefore, int expected,
                                                long since) {
        int stallSeconds = context.options().stallSeconds();
        long lastProgressAt = System.nanoTime();
        long lastSettled = -1;
        long nextReport = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Map<String, StateCount> states = context.index().statesByState(idPrefix);
            long settled = states.entrySet().stream().filter(e -> !e.getKey().equals("PENDING"))
                    .mapToLong(e -> e.getValue().documents()).sum() - settledBefore;
            if (settled >= expected) {
                return states;
            }
            long now = System.nanoTime();
            if (settled != lastSettled) {
                lastSettled = settled;
                lastProgressAt = now;
            } else if (now - lastProgressAt > Duration.ofSeconds(stallSeconds).toNanos()) {
                context.say("  no progress for " + stallSeconds + " s; giving up waiting (" + settled + " of "
                        + expected + " settled; consumer lag " + context.safeLag() + ")");
                return states;
            }
            if (now > nextReport) {
                double elapsed = (System.currentTimeMillis() - since) / 1000.0;
                context.say(String.format("  ... %.0f s: %d of %d settled (%.1f documents/s), consumer lag %s", elapsed,
                        settled, expected, settled / elapsed, context.safeLag()));
                nextReport = now + Duration.ofSeconds(10).toNanos();
            }
            Threads.sleep(1000);
        }
    }

    /**
     * When the chunk index (refreshing on its own schedule: no forced refresh) first shows {@code chunks} chunks, polled
     * every 100 ms. If it already does when first asked, the status poll that saw the last document settled came late
     * (the status index refreshes every few seconds): then the last write plus the chunk index's caught-up refresh
     * interval bounds it. Gives up after the stall timeout (a count check after the load then fails the run).
     */
    static long awaitSearchable(BenchContext context, long chunks, long lastWrite) {
        if (context.index().chunkCount() >= chunks) {
            return Math.min(System.currentTimeMillis(), lastWrite + ChunkIndex.REFRESH_INTERVAL.toMillis());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(context.options().stallSeconds()).toNanos();
        while (context.index().chunkCount() < chunks && System.nanoTime() < deadline) {
            Threads.sleep(100);
        }
        return System.currentTimeMillis();
    }
}
