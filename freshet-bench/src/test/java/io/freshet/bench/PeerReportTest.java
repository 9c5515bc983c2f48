package io.freshet.bench;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The peer phase in report.json (throughput.peer_*, vs_peer) and report.md: the keys tools read, the lines people read. */
class PeerReportTest {

    @Test
    void thePeersFiguresSitInThroughputAndEachHasALineInTheMarkdown() {
        IngestionResult ingestion = new IngestionResult(100, 1000, 1000, 0, 0, 0, 1880, 1.0, null, Map.of(),
                new IngestionResult.Rate(9.87654, 101.3, 9.88, 18.56), null, 1880);
        PeerResult peer = new PeerResult("LangChain4j", 500, new PeerRun(1000, 0, 1900, 1900, 400_000, 201.4, 50.0, 80.0),
                50, 0.7412, 0.95);
        BenchReport report = BenchReport.of(run(), new BenchReport.PhaseResults(ingestion, null, null, null, null, null, null,
                        null, null, null, peer, null, null),
                new BenchReport.Resources(Map.of("peer", 700.0), Map.of(
                        "ingestion", Map.of("bench", 10.0, "kafka", 20.0, "opensearch", 30.0, "embed-service", 100.0),
                        "peer-ingest", Map.of("opensearch", 12.0, "peer", 79.0)), Map.of()),
                List.of());

        JsonNode throughput = JsonMapper.builder().build().readTree(report.toJson()).path("throughput");
        assertThat(throughput.path("peer_docs_per_s").asDouble()).isEqualTo(20.0);
        assertThat(throughput.path("vs_peer").asDouble()).isEqualTo(0.494);
        assertThat(throughput.path("peer_chunks_per_s").asDouble()).isEqualTo(38.0);
        assertThat(throughput.path("pipeline_cpu_seconds_per_document").asDouble()).isEqualTo(0.15);
        assertThat(throughput.path("peer_cpu_seconds_per_document").asDouble()).isEqualTo(0.092);
        assertThat(throughput.path("peer_ndcg@10").asDouble()).isEqualTo(0.7412);
        assertThat(throughput.path("peer").path("segments").asInt()).isEqualTo(1900);
        assertThat(throughput.path("peer").path("cpu_seconds").asDouble()).isEqualTo(80.0);

        String markdown = new Report(report).markdown();
        assertThat(markdown).contains(
                "| Freshet ÷ peer documents/s, same documents, this run (peer phase) | 0.494 | report |",
                "| peer: LangChain4j in one process (first document read → last segment searchable) | 1000 | 1900 | 50.0 | 20.0 | 38.0 |",
                "Freshet 9.88 documents/s ÷ peer 20.0 = **0.494**",
                "CPU seconds a document: Freshet's pipeline 0.15 (every process but the bench's",
                "peer 0.092 (its process over its timed ingestion, plus OpenSearch's)",
                "Peer vector nDCG@10 0.7412");
    }

    @Test
    void withoutThePeerPhaseThereIsNoPeerLineAndNoPeerKey() {
        IngestionResult ingestion = new IngestionResult(null, 10, 10, 0, 0, 0, 20, 0.1, null, Map.of(),
                new IngestionResult.Rate(2.0, 5.0, 2.0, 4.0), null, 20);
        BenchReport report = BenchReport.of(run(), new BenchReport.PhaseResults(ingestion, null, null, null, null, null, null,
                null, null, null), null, List.of());
        assertThat(report.toJson()).doesNotContain("peer");
        assertThat(new Report(report).markdown()).doesNotContain("Against the peer");
    }

    private static RunInfo run() {
        return new RunInfo("2026-01-01 10:00:00 UTC", "./freshet bench", false,
                new RunInfo.Machine(2, 23.4, "0.5 0.4 0.3", "17.0.12", "1.9 1.2 0.8"), "abc1234", "/data/corpus.jsonl",
                "/data/queries.jsonl", "/data/qrels/train.tsv", List.of(), "/tmp/out", 50, 40.0, 312.0);
    }
}
