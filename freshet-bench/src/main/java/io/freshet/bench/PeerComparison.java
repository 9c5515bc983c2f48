package io.freshet.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

/**
 * Freshet against the peer (LangChain4j in one process) on the same documents, in report.json's "throughput".
 *
 * @param vsPeer                          Freshet's documents/s ÷ the peer's
 * @param pipelineCpuSecondsPerDocument   every process but the bench's, over the ingestion phase (warm-up included),
 *                                        ÷ documents indexed; absent without the ingestion phase's CPU figures
 * @param peerCpuSecondsPerDocument       the peer process over its timed ingestion plus OpenSearch over the same
 *                                        stretch (monitor phase {@value #PEER_INGEST_PHASE}), ÷ its documents
 */
@JsonInclude(NON_NULL)
record PeerComparison(
        Double peerDocsPerS,
        Double peerChunksPerS,
        Double vsPeer,
        Double pipelineCpuSecondsPerDocument,
        Double peerCpuSecondsPerDocument,
        @JsonProperty("peer_ndcg@10") Double peerNdcg10,
        PeerResult peer) {

    /** The stretch of the peer phase from its first document read to its last segment searchable. */
    static final String PEER_INGEST_PHASE = "peer-ingest";
    static final String INGESTION_PHASE = "ingestion";
    private static final String BENCH_PROCESS = "bench";
    private static final String OPENSEARCH = "opensearch";

    /**
     * @param cpuByPhase CPU seconds by monitor phase and process; null when the run ended before they were collected
     */
    static PeerComparison of(IngestionResult ingestion, PeerResult peer, Map<String, Map<String, Double>> cpuByPhase) {
        PeerRun run = peer.run();
        IngestionResult.Rate rate = ingestion.rate();
        Double vsPeer = rate == null ? null : Report.round(rate.exactDocumentsPerSecond() / run.documentsPerSecond(), 3);
        Double pipelineCpu = null;
        Double peerCpu = null;
        if (cpuByPhase != null && cpuByPhase.get(INGESTION_PHASE) != null && ingestion.indexed() > 0) {
            double sum = cpuByPhase.get(INGESTION_PHASE).entrySet().stream()
                    .filter(e -> !e.getKey().equals(BENCH_PROCESS)).mapToDouble(Map.Entry::getValue).sum();
            pipelineCpu = Report.round(sum / ingestion.indexed(), 4);
        }
        if (cpuByPhase != null && cpuByPhase.get(PEER_INGEST_PHASE) != null) {
            // The peer's own count is exact (sampling every second would miss its last moments before it exits).
            double openSearch = cpuByPhase.get(PEER_INGEST_PHASE).getOrDefault(OPENSEARCH, 0.0);
            peerCpu = Report.round((run.cpuSeconds() + openSearch) / run.documents(), 4);
        }
        return new PeerComparison(Report.round(run.documentsPerSecond(), 2), Report.round(run.chunksPerSecond(), 2), vsPeer,
                pipelineCpu, peerCpu, peer.ndcg10(), peer);
    }
}
