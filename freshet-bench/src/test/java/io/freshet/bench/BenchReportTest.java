package io.freshet.bench;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * report.json is read by other tools and by the docs: its keys, their nesting and their order are a contract. These
 * tests build a report from fixed typed results and pin every key path (dotted, in document order).
 */
class BenchReportTest {

    private static final LatencySummary LATENCY = new LatencySummary(10.0, 12.0, 13.0, 15.0, 20.0, 11.0, 100);
    private static final LatencySummary NO_SAMPLES = new LatencySample(List.of()).summary();
    private static final HistogramSummary HISTOGRAM = new HistogramSummary(40, 120.5, 100.0, 300.0, 450.0, ordered("le 250", 30L, "le 500", 10L));

    @Test
    void aFullRunHasEverySectionWithTheKeysTheToolsRead() {
        BenchReport report = BenchReport.of(run(50, 42.5), new BenchReport.PhaseResults(
                new IngestionResult(20, 300, 299, 1, 0, 1, 900, 3.2, List.of("d1: blank"), Map.of(),
                        new IngestionResult.Rate(11.4321, 26.3, 11.43, 34.22), HISTOGRAM, 900),
                new QualityResult(scores(0.65), scores(0.7), scores(0.75), 50, 300,
                        ordered("lexical", LATENCY, "vector", LATENCY, "hybrid", LATENCY)),
                new ThroughputResult.Bare(40.5, 0.845, new ThroughputResult.BareRun(200, 900, 4.9, 2, 1, 4, 180.2, 0.9999, 0.99998, 0)),
                knn(10, 100),
                new FreshnessResult(LATENCY, 0, null, HISTOGRAM),
                new FreshnessResult(LATENCY, 0, new FreshnessResult.BackgroundLoad(5.72, 5.7, 3), HISTOGRAM),
                new FillResult(900, 5000, 4, new FillResult.Filled(5004, 1230, 30.1, 136.2, ordered("docs", 5004L, "segments", 9L, "store_mib", 12.5))),
                new LatencyResult(endpoint("POST /v1/search {query, topK: 10, mode: hybrid}"), endpoint("POST /v1/answer {question, topK: 5}"),
                        LatencyResult.Authentication.of("search", LATENCY, new LatencySummary(9.5, 11.0, 12.0, 14.0, 19.0, 10.0, 100))),
                knn(10, 100),
                new AnswerOverheadResult(5004, "fake", 30, LATENCY, LATENCY, 4.5, LATENCY, LATENCY, LATENCY, LATENCY, 60, 0,
                        Map.of(), 0, 0, true)),
                new BenchReport.Resources(ordered("bench", 410.0, "kafka", 520.0), ordered("startup", ordered("bench", 3.1, "kafka", 9.0)),
                        ordered("startup", 40.2)),
                List.of());

        List<String> expected = new ArrayList<>();
        expected.addAll(List.of("run.started", "run.command", "run.smoke", "run.machine.cores", "run.machine.memory_gib",
                "run.machine.load_average_start", "run.machine.java", "run.machine.load_average_end", "run.git", "run.corpus",
                "run.queries", "run.qrels", "run.service_arguments", "run.out", "run.evaluated_queries", "run.startup_seconds",
                "run.seconds"));
        expected.addAll(List.of("ingestion.warmup_documents", "ingestion.documents", "ingestion.indexed", "ingestion.rejected",
                "ingestion.pending", "ingestion.blank_in_corpus", "ingestion.chunks", "ingestion.publish_seconds",
                "ingestion.rejections", "ingestion.dead_lettered", "ingestion.seconds", "ingestion.documents_per_s",
                "ingestion.chunks_per_s"));
        expected.addAll(histogram("ingestion.pipeline_freshness_histogram_ms"));
        expected.add("ingestion.chunks_in_index");
        expected.addAll(List.of("throughput.pipeline_documents_per_s", "throughput.pipeline_chunks_per_s",
                "throughput.bare_chunks_per_s", "throughput.ratio", "throughput.bare.chunks", "throughput.bare.chunks_in_index",
                "throughput.bare.seconds", "throughput.bare.threads", "throughput.bare.intra_op_threads",
                "throughput.bare.batch_size", "throughput.bare.mean_input_tokens", "throughput.bare.cosine_to_indexed_min",
                "throughput.bare.cosine_to_indexed_mean", "throughput.bare.vectors_differing"));
        for (String mode : List.of("lexical", "vector", "hybrid")) {
            expected.addAll(List.of("quality." + mode + ".ndcg@10", "quality." + mode + ".recall@100", "quality." + mode + ".mrr@10"));
        }
        expected.addAll(List.of("quality.queries", "quality.documents"));
        for (String mode : List.of("lexical", "vector", "hybrid")) {
            expected.addAll(latency("quality.search_latency_at_corpus_size_ms." + mode));
        }
        for (String index : List.of("corpus", "filled")) {
            String at = "knn_recall@10." + index;
            expected.addAll(List.of(at + ".queries", at + ".chunks", at + ".k=10"));
            expected.addAll(latency(at + ".approximate_ms_k=10"));
            expected.add(at + ".k=100");
            expected.addAll(latency(at + ".approximate_ms_k=100"));
            expected.addAll(latency(at + ".exact_ms"));
        }
        expected.addAll(latency("freshness_ms.idle"));
        expected.add("freshness_ms.idle.timed_out");
        expected.addAll(histogram("freshness_ms.idle.pipeline_histogram"));
        expected.addAll(List.of("freshness_ms.p50", "freshness_ms.p95", "freshness_ms.p99"));
        expected.addAll(latency("freshness_ms.loaded"));
        expected.addAll(List.of("freshness_ms.loaded.timed_out", "freshness_ms.loaded.background_updates_per_s_target",
                "freshness_ms.loaded.background_updates_per_s_sent", "freshness_ms.loaded.consumer_lag_at_end"));
        expected.addAll(histogram("freshness_ms.loaded.pipeline_histogram"));
        expected.addAll(List.of("fill.chunks_before", "fill.target_chunks", "fill.documents_bundled", "fill.chunks_after",
                "fill.fill_documents", "fill.seconds", "fill.index_only_chunks_per_s", "fill.index.docs", "fill.index.segments",
                "fill.index.store_mib"));
        for (String endpoint : List.of("search_latency_ms", "answer_latency_ms")) {
            expected.addAll(List.of(endpoint + ".chunks", endpoint + ".request"));
            expected.addAll(latency(endpoint + ".clients_1"));
            expected.addAll(List.of(endpoint + ".clients_1.requests_per_s", endpoint + ".clients_1.errors", endpoint + ".p50",
                    endpoint + ".p99"));
            expected.addAll(latency(endpoint + ".clients_8"));
            expected.addAll(List.of(endpoint + ".clients_8.requests_per_s", endpoint + ".clients_8.errors"));
        }
        expected.add("search_authentication_ms.request");
        expected.addAll(latency("search_authentication_ms.with_token"));
        expected.addAll(latency("search_authentication_ms.anonymous"));
        expected.add("search_authentication_ms.p50_overhead_ms");
        expected.addAll(List.of("generated_answer.chunks", "generated_answer.fake_model", "generated_answer.questions"));
        expected.addAll(latency("generated_answer.overhead_ms"));
        expected.addAll(latency("generated_answer.search_ms"));
        expected.add("generated_answer.p50_added_to_search_ms");
        expected.addAll(latency("generated_answer.answer_ms"));
        expected.addAll(latency("generated_answer.model_ms"));
        expected.addAll(latency("generated_answer.time_to_first_token_client_ms"));
        expected.addAll(latency("generated_answer.time_to_first_token_server_ms"));
        expected.addAll(List.of("generated_answer.generated", "generated_answer.fallbacks", "generated_answer.fallback_reasons",
                "generated_answer.model_not_called", "generated_answer.errors", "generated_answer.valid"));
        expected.addAll(List.of("memory_peak_rss_mib.bench", "memory_peak_rss_mib.kafka", "cpu_seconds_by_phase.startup.bench",
                "cpu_seconds_by_phase.startup.kafka", "wall_seconds_by_phase.startup", "failures"));

        JsonNode json = parse(report);
        assertThat(paths(json)).containsExactlyElementsOf(expected);
        assertThat(json.path("quality").path("hybrid").path("ndcg@10").asDouble()).isEqualTo(0.75);
        assertThat(json.path("throughput").path("pipeline_chunks_per_s").asDouble()).isEqualTo(34.22);
        assertThat(json.path("throughput").path("ratio").asDouble()).isEqualTo(0.845);
        assertThat(json.path("freshness_ms").path("p99").asDouble()).isEqualTo(15.0);
        assertThat(json.path("search_latency_ms").path("p99").asDouble()).isEqualTo(15.0);
        assertThat(json.path("knn_recall@10").path("filled").path("k=100").asDouble()).isEqualTo(0.97);
        assertThat(json.path("failures").isArray()).isTrue();
        // The unrounded ingestion rate paces the background load but is not a figure of the report.
        assertThat(report.toJson()).doesNotContain("11.4321");

        // report.md reads the same keys: a renamed key would show as "—".
        String markdown = new Report(report).markdown();
        assertThat(markdown).contains("| nDCG@10 hybrid | 0.75 |", "| pipeline ÷ bare model throughput | 0.845 |",
                "| freshness p99, idle | 15.0 ms |", "| /v1/search p99 at 5004 chunks, 1 client | 15.0 ms |",
                "corpus index / filled index | 0.97 / 0.97 |", "**Pipeline checks: passed.**",
                "Authentication: /v1/search p50 10.0 ms with a bearer token against 9.5 ms anonymous", "overhead 0.5 ms",
                "| Freshet's overhead per generated answer (model excluded) p50 / p99, 1 client | 10.0 ms / 15.0 ms |",
                "| Freshet's overhead per answer: /v1/answer minus the model's handling time | 10.0 ms | 12.0 ms | 15.0 ms | 100 |",
                "Overhead p50 minus search p50: 4.5 ms", "Answers generated: 60; fallbacks: 0;");
        assertThat(markdown).doesNotContain("INVALID");
    }

    @Test
    void aRunThatStoppedBeforeTheDataHasOnlyTheRunAndItsFailures() {
        BenchReport report = BenchReport.of(run(null, null), BenchReport.PhaseResults.NONE, null,
                List.of("the benchmark could not run: java.nio.file.NoSuchFileException: corpus.jsonl"));

        JsonNode json = parse(report);
        assertThat(fieldNames(json)).containsExactly("run", "failures");
        assertThat(fieldNames(json.path("run"))).doesNotContain("evaluated_queries", "startup_seconds").contains("seconds");
        assertThat(new Report(report).failed()).isTrue();
    }

    @Test
    void partlyRunPhasesLeaveOutWhatWasNotMeasuredButKeepNullFigures() {
        IngestionResult nothingIndexed = new IngestionResult(null, 10, 0, 0, 10, 0, 0, 0.1, null, Map.of(), null, null, 0);
        BenchReport report = BenchReport.of(run(5, 40.0), new BenchReport.PhaseResults(nothingIndexed, null, null, null,
                new FreshnessResult(NO_SAMPLES, 3, null, null), null, new FillResult(6000, 5000, 4, null), null, knn(10), null),
                null, List.of("10 of 10 documents were not processed (neither INDEXED nor REJECTED)"));

        JsonNode json = parse(report);
        assertThat(fieldNames(json)).containsExactly("run", "ingestion", "knn_recall@10", "freshness_ms", "fill", "failures");
        assertThat(fieldNames(json.path("ingestion"))).containsExactly("documents", "indexed", "rejected", "pending",
                "blank_in_corpus", "chunks", "publish_seconds", "dead_lettered", "chunks_in_index");
        assertThat(fieldNames(json.path("knn_recall@10"))).containsExactly("filled");
        assertThat(fieldNames(json.path("knn_recall@10").path("filled")))
                .containsExactly("queries", "chunks", "k=10", "approximate_ms_k=10", "exact_ms");
        // No probe became searchable: the percentiles are null, but there.
        assertThat(fieldNames(json.path("freshness_ms"))).containsExactly("idle", "p50", "p95", "p99");
        assertThat(json.path("freshness_ms").path("p99").isNull()).isTrue();
        assertThat(json.path("freshness_ms").path("idle").path("p50").isNull()).isTrue();
        assertThat(fieldNames(json.path("freshness_ms").path("idle")))
                .containsExactly("p50", "p90", "p95", "p99", "max", "mean", "samples", "timed_out");
        assertThat(fieldNames(json.path("fill"))).containsExactly("chunks_before", "target_chunks", "documents_bundled");
    }

    @Test
    void generatedAnswerFiguresWithAFallbackAreMarkedInvalid() {
        BenchReport report = BenchReport.of(run(5, 40.0), new BenchReport.PhaseResults(null, null, null, null, null, null,
                null, null, null, new AnswerOverheadResult(5004, "fake", 30, LATENCY, LATENCY, 4.5, LATENCY, LATENCY, LATENCY,
                LATENCY, 58, 2, Map.of("timeout", 2), 0, 0, false)), null, List.of());

        assertThat(parse(report).path("generated_answer").path("fallback_reasons").path("timeout").asInt()).isEqualTo(2);
        assertThat(new Report(report).markdown()).contains("**INVALID measurement: not every answer was generated with the "
                + "model (fallbacks: 2 {timeout=2}, failed requests: 0)");
    }

    private static RunInfo run(Integer evaluatedQueries, Double startupSeconds) {
        return new RunInfo("2026-01-01 10:00:00 UTC", "./freshet bench --smoke", true,
                new RunInfo.Machine(2, 23.4, "0.5 0.4 0.3", "17.0.12", "1.9 1.2 0.8"), "abc1234", "/data/corpus.jsonl",
                "/data/queries.jsonl", "/data/qrels/train.tsv", List.of(), "/tmp/out", evaluatedQueries, startupSeconds, 312.0);
    }

    private static QualityResult.Scores scores(double ndcg) {
        return new QualityResult.Scores(ndcg, 0.9, 0.6);
    }

    private static KnnRecallResult knn(int... ks) {
        List<KnnRecallResult.AtK> byK = new ArrayList<>();
        for (int k : ks) {
            byK.add(new KnnRecallResult.AtK(k, k == 10 ? 0.91 : 0.97, LATENCY));
        }
        return new KnnRecallResult(20, 5004, byK, LATENCY);
    }

    private static LatencyResult.Endpoint endpoint(String request) {
        return LatencyResult.Endpoint.of(5004, request, new LatencyResult.Clients(LATENCY, 80.5, 0),
                new LatencyResult.Clients(LATENCY, 150.0, 0));
    }

    private static List<String> latency(String at) {
        return Stream.of("p50", "p90", "p95", "p99", "max", "mean", "samples").map(key -> at + "." + key).toList();
    }

    private static List<String> histogram(String at) {
        return Stream.of("count", "mean", "p50", "p95", "p99", "buckets.le 250", "buckets.le 500").map(key -> at + "." + key).toList();
    }

    private static JsonNode parse(BenchReport report) {
        return JsonMapper.builder().build().readTree(report.toJson());
    }

    /** Every leaf (and empty object) as its dotted key path, in document order. */
    private static List<String> paths(JsonNode json) {
        List<String> paths = new ArrayList<>();
        collect("", json, paths);
        return paths;
    }

    private static void collect(String prefix, JsonNode node, List<String> paths) {
        if (!node.isObject() || node.isEmpty()) {
            paths.add(prefix);
            return;
        }
        node.properties().forEach(e -> collect(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), paths));
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }
}
