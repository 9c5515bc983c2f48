package io.freshet.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** report.json's "cost_curve" and "soak", report.md's sections on them, and the curve's three plots. */
class ScaleReportTest {

    private static final LatencySummary FAST = new LatencySummary(20.0, 25.0, 27.0, 40.0, 45.0, 21.0, 200);
    private static final LatencySummary SLOW = new LatencySummary(60.0, 80.0, 90.0, 120.0, 130.0, 65.0, 200);

    @Test
    void theCurveAndTheSoakAreReportedAsJsonAndAsTablesWithTheFiguresLinked(@TempDir Path dir) throws Exception {
        List<CostCurveResult.Point> points = List.of(point(10_000, FAST, 9.5), point(100_000, SLOW, 9.1));
        List<String> plots = CurvePlots.draw(points, dir);
        assertThat(plots).containsExactly("curve-throughput.png", "curve-latency.png", "curve-clients.png");
        for (String plot : plots) {
            assertThat(ImageIO.read(dir.resolve(plot).toFile())).as(plot).isNotNull();
        }
        CostCurveResult curve = new CostCurveResult(SearchLoad.REQUEST, 300, ScaleOptions.CLIENTS, points, plots);
        SoakTimeline timeline = new SoakTimeline(60);
        timeline.published(1_000, true);
        timeline.queried(2_000, true, 33);
        timeline.lag(3_000, 7);
        List<SoakResult.Bucket> buckets = timeline.buckets(120_000);
        SoakResult soak = new SoakResult(120.0, 60, 5.0, 4.98, "--soak-rate", 3.0, 100_500, 598, 598, 0, 360, 0, FAST,
                LagTrend.judge(buckets.stream().map(SoakResult.Bucket::maxLag).toList(), 5), 2.5, Map.of(),
                SoakVerification.verify(Map.of("a", 2L), Map.of("a", new SoakVerification.Status(2, "INDEXED", 1)),
                        List.of(new SoakVerification.Chunk("a", 0, 2))), true, buckets);
        BenchReport report = BenchReport.of(new RunInfo("2026-01-01 10:00:00 UTC", "./freshet bench", false,
                        new RunInfo.Machine(2, 23.4, "0.5", "17", "0.8"), "abc", "c", "q", "r", List.of(), "/tmp/out", 50, 40.0, 900.0),
                new BenchReport.PhaseResults(null, null, null, null, null, null, null, null, null, null, null, curve, soak), null, List.of());

        JsonNode json = JsonMapper.builder().build().readTree(report.toJson());
        JsonNode first = json.path("cost_curve").path("sizes").get(0);
        assertThat(first.path("chunks").asLong()).isEqualTo(10_000);
        assertThat(first.path("ingestion").path("documents_per_s").asDouble()).isEqualTo(9.5);
        assertThat(first.path("search_ms").path("clients_32").path("p99").asDouble()).isEqualTo(40.0);
        assertThat(json.path("cost_curve").path("plots").size()).isEqualTo(3);
        assertThat(json.path("soak").path("buckets").size()).isEqualTo(2);
        assertThat(json.path("soak").path("verification").path("verified").asInt()).isEqualTo(1);
        assertThat(json.path("soak").path("lag").path("growing").asBoolean()).isFalse();

        String md = new Report(report).markdown();
        assertThat(md).contains("![curve throughput](curve-throughput.png)", "![curve latency](curve-latency.png)",
                "![curve clients](curve-clients.png)", "| 100000 | 9.1 (17.1) | 60.0 / 120.0 (25.0/s, 0 errors)",
                "**Soak checks: passed.** 120.0 s at 5.0 updates/s (--soak-rate; sent 4.98/s) and 3.0 hybrid searches/s", "| 0.0–60.0 | 1 | 0 | 1 | 0 | 33.0 / 33.0 | 7 |");
    }

    private static CostCurveResult.Point point(long chunks, LatencySummary latency, double documentsPerS) {
        Map<String, LatencyResult.Clients> search = new LinkedHashMap<>();
        for (int clients : ScaleOptions.CLIENTS) {
            search.put("clients_" + clients, new LatencyResult.Clients(latency, 25.0, 0));
        }
        return new CostCurveResult.Point(chunks, chunks, new CostCurveResult.Fill(2_000, chunks, 300, 60.0, 800.0),
                new CostCurveResult.Ingestion(300, 300, 0, 560, 31.6, documentsPerS, Report.round(documentsPerS * 1.88, 1)), search);
    }
}
