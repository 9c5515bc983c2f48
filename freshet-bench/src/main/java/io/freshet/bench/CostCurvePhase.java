package io.freshet.bench;

import io.freshet.bench.BeirDataset.CorpusDocument;
import io.freshet.bench.IndexReader.StateCount;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost curve: at each of --curve-sizes (ascending), fill the index to that many chunks, time a batch of real
 * corpus documents under new ids through the whole pipeline, then time hybrid /v1/search at 1, 8 and 32 clients.
 * The index only grows, so the run takes the points below the fill phase's size before that phase and the rest
 * after the phases that use it ({@link #measureBelow}, {@link #measureFrom}); the later call's result holds all
 * points. Fails the run on failed requests, lost documents or dead letters, never on slow ones.
 */
final class CostCurvePhase {

    private static final StateCount NONE = new StateCount(0, 0, null);

    private final BenchContext context;
    private final CurveFill fill;
    private final List<CostCurveResult.Point> points = new ArrayList<>();

    CostCurvePhase(BenchContext context) {
        this.context = context;
        this.fill = new CurveFill(context);
    }

    /** The points at sizes below {@code limit}; null when there are none. */
    CostCurveResult measureBelow(long limit) {
        List<Long> sizes = context.options().scale().curveSizes().stream().filter(s -> s < limit).toList();
        return sizes.isEmpty() ? null : measure(sizes);
    }

    /** The points at sizes from {@code limit} on, and the whole curve. */
    CostCurveResult measureFrom(long limit) {
        return measure(context.options().scale().curveSizes().stream().filter(s -> s >= limit).toList());
    }

    private CostCurveResult measure(List<Long> sizes) {
        for (long size : sizes) {
            context.say("Cost curve at " + size + " chunks:");
            points.add(point(size));
        }
        ScaleOptions scale = context.options().scale();
        List<String> plots = CurvePlots.draw(points, context.options().out());
        return new CostCurveResult(SearchLoad.REQUEST, scale.curveDocuments(), ScaleOptions.CLIENTS, List.copyOf(points), plots);
    }

    private CostCurveResult.Point point(long size) {
        CostCurveResult.Fill filled = fill.fillTo(size);
        FillPhase.settleMerges(context);
        CostCurveResult.Ingestion ingestion = ingest(size);
        context.index().refresh();
        long chunks = context.index().chunkCount();
        SearchLoad load = new SearchLoad(context.services(), context.data().shuffledQueries());
        load.warmUp(20);
        int requests = context.options().scale().curveRequests();
        Map<String, LatencyResult.Clients> search = new LinkedHashMap<>();
        for (int clients : ScaleOptions.CLIENTS) {
            LatencyResult.Clients measured = load.measure(clients, requests);
            search.put("clients_" + clients, measured);
            context.say(String.format("  /v1/search at %d chunks, %d client(s): p50 %s ms, p99 %s ms, %s requests/s",
                    chunks, clients, measured.latency().p50(), measured.latency().p99(), measured.requestsPerS()));
            if (measured.errors() > 0) {
                context.fail(measured.errors() + " of " + requests + " cost-curve searches failed at " + chunks
                        + " chunks, " + clients + " client(s)");
            }
        }
        return new CostCurveResult.Point(size, chunks, filled, ingestion, search);
    }

    /** A batch of corpus documents under new ids, timed as IngestionPhase times the corpus. */
    private CostCurveResult.Ingestion ingest(long size) {
        List<CorpusDocument> batch = context.data().corpus().stream().filter(d -> !d.isBlank())
                .limit(context.options().scale().curveDocuments()).toList();
        String prefix = "bench-curve-" + size + "-";
        Map<String, Long> deadBefore = context.backlog().deadLettered();
        long firstPublish = System.currentTimeMillis();
        for (CorpusDocument document : batch) {
            context.publisher().publish(CorpusChanges.change(prefix + document.id(), document, 1, document.content()));
        }
        context.publisher().flush();
        Map<String, StateCount> states = awaitSettled(prefix, batch.size());
        StateCount indexed = states.getOrDefault("INDEXED", NONE);
        StateCount rejected = states.getOrDefault("REJECTED", NONE);
        if (indexed.documents() + rejected.documents() < batch.size()) {
            context.fail((batch.size() - indexed.documents() - rejected.documents()) + " of " + batch.size()
                    + " cost-curve documents at " + size + " chunks were not processed");
        }
        if (rejected.documents() > 0) {
            context.fail(rejected.documents() + " cost-curve documents at " + size + " chunks were REJECTED");
        }
        Map<String, Long> deadAfter = context.backlog().deadLettered();
        if (!deadAfter.equals(deadBefore)) {
            context.fail("records were dead-lettered during the cost curve at " + size + " chunks: " + deadAfter);
        }
        if (indexed.lastUpdate() == null || indexed.documents() == 0) {
            return new CostCurveResult.Ingestion(batch.size(), 0, rejected.documents(), 0, null, null, null);
        }
        double seconds = (indexed.lastUpdate().toEpochMilli() - firstPublish) / 1000.0;
        context.say(String.format("  ingestion: %d documents (%d chunks) in %.1f s: %.2f documents/s", indexed.documents(),
                indexed.chunks(), seconds, indexed.documents() / seconds));
        return new CostCurveResult.Ingestion(batch.size(), indexed.documents(), rejected.documents(), indexed.chunks(),
                Report.round(seconds, 1), Report.round(indexed.documents() / seconds, 2), Report.round(indexed.chunks() / seconds, 2));
    }

    private Map<String, StateCount> awaitSettled(String prefix, int expected) {
        long stallNanos = Duration.ofSeconds(context.options().stallSeconds()).toNanos();
        long lastSettled = -1;
        long lastProgressAt = System.nanoTime();
        while (true) {
            Map<String, StateCount> states = context.index().statesByState(prefix);
            long settled = states.entrySet().stream().filter(e -> !e.getKey().equals("PENDING"))
                    .mapToLong(e -> e.getValue().documents()).sum();
            long now = System.nanoTime();
            if (settled >= expected) {
                return states;
            }
            if (settled != lastSettled) {
                lastSettled = settled;
                lastProgressAt = now;
            } else if (now - lastProgressAt > stallNanos) {
                return states;
            }
            Threads.sleep(500);
        }
    }
}
