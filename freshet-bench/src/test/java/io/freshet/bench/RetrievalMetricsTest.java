package io.freshet.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RetrievalMetricsTest {

    @Test
    void passagesOfOneDocumentCountOnceAtTheirBestRank() {
        assertThat(RetrievalMetrics.documentRanking(List.of("a", "b", "a", "c", "b"))).containsExactly("a", "b", "c");
    }

    @Test
    void ndcgUsesGradedGainsAndLogDiscounts() {
        Map<String, Integer> judged = Map.of("d1", 2, "d2", 1, "d9", 0);
        // ranking: x, d2, d1 → DCG = 1/log2(3) + 2/log2(4); ideal: d1, d2 → 2/log2(2) + 1/log2(3)
        double dcg = 1 / log2(3) + 2 / log2(4);
        double idcg = 2 + 1 / log2(3);
        assertThat(RetrievalMetrics.ndcg(List.of("x", "d2", "d1"), judged, 10)).isCloseTo(dcg / idcg, within(1e-12));
        assertThat(RetrievalMetrics.ndcg(List.of("d1", "d2"), judged, 10)).isCloseTo(1.0, within(1e-12));
        // beyond k nothing counts
        assertThat(RetrievalMetrics.ndcg(List.of("x", "y", "d1"), judged, 2)).isZero();
        // a zero judgment is not relevant
        assertThat(RetrievalMetrics.ndcg(List.of("d9"), judged, 10)).isZero();
    }

    @Test
    void recallIsTheShareOfRelevantDocumentsFoundWithinK() {
        Map<String, Integer> judged = Map.of("d1", 1, "d2", 1, "d3", 1, "d4", 0);
        assertThat(RetrievalMetrics.recall(List.of("d1", "d4", "x", "d3"), judged, 100)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(RetrievalMetrics.recall(List.of("d1", "d4", "x", "d3"), judged, 3)).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void reciprocalRankIsOfTheFirstRelevantDocumentWithinK() {
        Map<String, Integer> judged = Map.of("d1", 1);
        assertThat(RetrievalMetrics.reciprocalRank(List.of("x", "y", "d1"), judged, 10)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(RetrievalMetrics.reciprocalRank(List.of("x", "y", "d1"), judged, 2)).isZero();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
