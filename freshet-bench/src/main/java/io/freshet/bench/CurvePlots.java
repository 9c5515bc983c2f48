package io.freshet.bench;

import java.awt.geom.Point2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The cost curve's three figures, PNGs in the report folder next to report.md (which links them): ingestion rate
 * against index size, /v1/search latency against index size, and latency against concurrent clients at the largest
 * size. Sizes on a log axis (they span decades), rates and latencies from zero so ratios read true.
 */
final class CurvePlots {

    static final String THROUGHPUT = "curve-throughput.png";
    static final String LATENCY = "curve-latency.png";
    static final String CLIENTS = "curve-clients.png";

    private CurvePlots() {
    }

    /** Draws what the points allow; returns the files written (names relative to {@code dir}). */
    static List<String> draw(List<CostCurveResult.Point> points, Path dir) {
        List<String> written = new ArrayList<>();
        if (points.isEmpty()) {
            return written;
        }
        List<Double> sizes = points.stream().map(p -> (double) p.chunks()).toList();
        PlotAxis sizeAxis = PlotAxis.logAround("index size (chunks, log scale)", sizes, List.of());

        List<Point2D.Double> rate = series(points, p -> p.ingestion() == null ? null : p.ingestion().documentsPerS());
        if (!rate.isEmpty()) {
            new LinePlot("Ingestion throughput against index size", sizeAxis,
                    PlotAxis.fromZero("ingestion (documents/s)", ys(rate)),
                    List.of(new LinePlot.Series("documents/s, publish → INDEXED", rate))).writePng(dir.resolve(THROUGHPUT));
            written.add(THROUGHPUT);
        }

        List<Point2D.Double> p50 = series(points, p -> latency(p, 1, true));
        List<Point2D.Double> p99 = series(points, p -> latency(p, 1, false));
        if (!p99.isEmpty()) {
            new LinePlot("/v1/search hybrid latency against index size (1 client)", sizeAxis,
                    PlotAxis.fromZero("latency (ms)", ys(p99)),
                    List.of(new LinePlot.Series("p50", p50), new LinePlot.Series("p99", p99))).writePng(dir.resolve(LATENCY));
            written.add(LATENCY);
        }

        CostCurveResult.Point largest = points.get(points.size() - 1);
        List<Point2D.Double> byClients50 = new ArrayList<>();
        List<Point2D.Double> byClients99 = new ArrayList<>();
        for (int clients : ScaleOptions.CLIENTS) {
            add(byClients50, clients, latency(largest, clients, true));
            add(byClients99, clients, latency(largest, clients, false));
        }
        if (!byClients99.isEmpty()) {
            List<Double> ticks = ScaleOptions.CLIENTS.stream().map(Integer::doubleValue).toList();
            new LinePlot("/v1/search hybrid latency against concurrent clients at " + PlotAxis.format(largest.chunks()) + " chunks",
                    PlotAxis.logAround("concurrent clients (log scale)", ticks, ticks),
                    PlotAxis.fromZero("latency (ms)", ys(byClients99)),
                    List.of(new LinePlot.Series("p50", byClients50), new LinePlot.Series("p99", byClients99)))
                    .writePng(dir.resolve(CLIENTS));
            written.add(CLIENTS);
        }
        return written;
    }

    /** A latency percentile of a point's searches at some concurrency, or null. */
    static Double latency(CostCurveResult.Point point, int clients, boolean p50) {
        LatencyResult.Clients measured = point.search() == null ? null : point.search().get("clients_" + clients);
        if (measured == null) {
            return null;
        }
        return p50 ? measured.latency().p50() : measured.latency().p99();
    }

    private static List<Point2D.Double> series(List<CostCurveResult.Point> points, Function<CostCurveResult.Point, Double> y) {
        List<Point2D.Double> series = new ArrayList<>();
        points.forEach(p -> add(series, p.chunks(), y.apply(p)));
        return series;
    }

    private static void add(List<Point2D.Double> series, double x, Double y) {
        if (y != null && x > 0) {
            series.add(new Point2D.Double(x, y));
        }
    }

    private static List<Double> ys(List<Point2D.Double> points) {
        return points.stream().map(p -> p.y).toList();
    }
}
