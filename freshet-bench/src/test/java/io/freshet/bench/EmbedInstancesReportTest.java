package io.freshet.bench;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embed-instances phase in report.json ("embed_instances", after "throughput") and its table in report.md. */
class EmbedInstancesReportTest {

    private static final IngestionResult INGESTION = new IngestionResult(null, 300, 300, 0, 0, 0, 900, 0.5, null, Map.of(),
            new IngestionResult.Rate(10.0, 30.0, 10.0, 30.0), null, 900);

    @Test
    void bothLoadsWithTheirRatioInTheJsonAndATableInTheMarkdown() {
        EmbedInstancesResult result = EmbedInstancesResult.of(300,
                new EmbedInstancesResult.Load(1, 300, 900, 30.0, 10.0, 30.0, 50.2),
                new EmbedInstancesResult.Load(2, 300, 900, 27.3, 10.99, 32.97, 52.0));
        BenchReport report = report(result);

        JsonNode json = JsonMapper.builder().build().readTree(report.toJson());
        assertThat(names(json)).containsSubsequence("ingestion", "throughput", "embed_instances");
        JsonNode section = json.path("embed_instances");
        assertThat(section.path("documents").asInt()).isEqualTo(300);
        assertThat(section.path("two_over_one").asDouble()).isEqualTo(1.099);
        assertThat(names(section.path("loads").get(1))).containsExactly("instances", "indexed", "chunks", "seconds", "documents_per_s", "chunks_per_s",
                "cpu_seconds_embed");

        assertThat(new Report(report).markdown()).contains("## Throughput by embed-service instances",
                "| 1 | 300 | 900 | 30.0 | 10.0 | 30.0 | 50.2 |", "| 2 | 300 | 900 | 27.3 | 10.99 | 32.97 | 52.0 |",
                "Two instances ÷ one, documents/s: **1.099**");
    }

    @Test
    void aLoadThatFailedLeavesTheOtherAndNoRatioAndNeitherLeavesNoSection() {
        EmbedInstancesResult one = EmbedInstancesResult.of(300, new EmbedInstancesResult.Load(1, 300, 900, 30.0, 10.0, 30.0, null), null);
        assertThat(one.loads()).hasSize(1);
        assertThat(one.twoOverOne()).isNull();
        assertThat(new Report(report(one)).markdown()).contains("Two instances ÷ one, documents/s: **—**");

        assertThat(EmbedInstancesResult.of(300, null, null)).isNull();
        assertThat(report(null).toJson()).doesNotContain("embed_instances");
        assertThat(new Report(report(null)).markdown()).doesNotContain("embed-service instances");
    }

    private static List<String> names(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static BenchReport report(EmbedInstancesResult result) {
        return BenchReport.of(new RunInfo("2026-01-01 10:00:00 UTC", "./freshet bench", true,
                        new RunInfo.Machine(2, 23.4, "0.5 0.4 0.3", "17.0.12", "1.9 1.2 0.8"), "abc1234", "/data/corpus.jsonl",
                        "/data/queries.jsonl", "/data/qrels/train.tsv", List.of(), "/tmp/out", 50, 40.0, 312.0),
                new BenchReport.PhaseResults(INGESTION, null, null, null, null, null, null, null, null, null, null, null, null,
                        result), null, List.of());
    }
}
