package io.freshet.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerComparisonTest {

    private static final PeerRun PEER = new PeerRun(1000, 0, 1900, 1900, 400_000, 201.4, 50.0, 80.0);

    private static IngestionResult ingestion(double exactDocumentsPerSecond, long indexed) {
        return new IngestionResult(100, 1000, indexed, 0, 0, 0, 1880, 1.0, null, Map.of(),
                new IngestionResult.Rate(exactDocumentsPerSecond, 101.3, Report.round(exactDocumentsPerSecond, 2), 18.6),
                null, 1880);
    }

    @Test
    void comparesUnroundedRatesAndChargesEachSideItsOwnProcesses() {
        Map<String, Map<String, Double>> cpu = Map.of(
                "ingestion", Map.of("bench", 10.0, "kafka", 20.0, "opensearch", 30.0, "embed-service", 100.0),
                "peer-ingest", Map.of("bench", 1.0, "kafka", 2.0, "opensearch", 12.0, "peer", 79.0, "embed-service", 3.0));
        PeerComparison comparison = PeerComparison.of(ingestion(9.87654, 1000),
                new PeerResult("LangChain4j", 500, PEER, 50, 0.7412, 0.95), cpu);

        assertThat(comparison.peerDocsPerS()).isEqualTo(20.0);
        assertThat(comparison.peerChunksPerS()).isEqualTo(38.0);
        assertThat(comparison.vsPeer()).isEqualTo(0.494); // 9.87654 / 20, not the rounded 9.88 / 20
        // Freshet: every process but the bench's (20 + 30 + 100) / 1000; the peer: its own 80 + OpenSearch's 12.
        assertThat(comparison.pipelineCpuSecondsPerDocument()).isEqualTo(0.15);
        assertThat(comparison.peerCpuSecondsPerDocument()).isEqualTo(0.092);
        assertThat(comparison.peerNdcg10()).isEqualTo(0.7412);
    }

    @Test
    void withoutCpuFiguresOnlyTheRatesAreCompared() {
        PeerComparison comparison = PeerComparison.of(ingestion(10.0, 1000), new PeerResult("LangChain4j", 500, PEER, null, null, null), null);
        assertThat(comparison.vsPeer()).isEqualTo(0.5);
        assertThat(comparison.pipelineCpuSecondsPerDocument()).isNull();
        assertThat(comparison.peerCpuSecondsPerDocument()).isNull();
        assertThat(comparison.peerNdcg10()).isNull();
    }

    @Test
    void readsTheResultLineAmongThePeersOutput() {
        PeerRun run = PeerRun.fromOutput(List.of("SLF4J: No SLF4J providers were found.", "{\"event\":\"ingest-started\"}",
                "{\"event\":\"ingested\",\"documents\":300,\"skipped_blank\":1,\"segments\":560,\"indexed\":560,"
                        + "\"model_tokens\":120000,\"mean_segment_tokens\":203.5,\"seconds\":20.5,\"documents_per_s\":14.63,"
                        + "\"chunks_per_s\":27.32,\"cpu_seconds\":38.2}"));
        assertThat(run).isEqualTo(new PeerRun(300, 1, 560, 560, 120000, 203.5, 20.5, 38.2));
    }

    @Test
    void noResultLineIsAnErrorShowingTheLastOutput() {
        assertThatThrownBy(() -> PeerRun.fromOutput(List.of("{\"event\":\"ingest-started\"}", "Exception in thread main")))
                .hasMessageContaining("no result line").hasMessageContaining("Exception in thread main");
        assertThatThrownBy(() -> PeerRun.fromOutput(List.of("{\"event\":\"ingested\",\"documents\":0,\"segments\":0,\"seconds\":1}")))
                .hasMessageContaining("no documents");
    }
}
