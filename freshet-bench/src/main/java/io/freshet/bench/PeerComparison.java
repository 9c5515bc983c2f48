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
        throw new UnsupportedOperationException("not yet");
    }
}
