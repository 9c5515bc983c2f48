package io.freshet.query.retrieval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RankFusionTest {

    private static List<Candidate> ranked(String... idScorePairs) {
        var list = new java.util.ArrayList<Candidate>();
        for (int i = 0; i < idScorePairs.length; i += 2) {
            list.add(new Candidate(idScorePairs[i], Double.parseDouble(idScorePairs[i + 1])));
        }
        return list;
    }

    @Test
    void reciprocalRankAddsOneOverKPlusRankFromEachList() {
        var fused = RankFusion.reciprocalRank(60).fuse(
                ranked("a", "12.0", "b", "9.0", "c", "1.0"),
                ranked("c", "0.9", "a", "0.8"), 10);

        assertThat(fused).extracting(h -> h.chunkId()).containsExactly("a", "c", "b");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 61 + 1.0 / 62, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo(1.0 / 62, within(1e-12));
    }

    @Test
    void aPassageInBothListsBeatsOneThatTopsOnlyOne() {
        var fused = RankFusion.reciprocalRank(60).fuse(
                ranked("lexOnly", "30", "both", "10"),
                ranked("vecOnly", "0.95", "both", "0.90"), 3);

        assertThat(fused.get(0).chunkId()).isEqualTo("both");
    }

    @Test
    void fusedHitsKeepEachListsScoreAndTheCosineFollowsFromTheKnnScore() {
        var fused = RankFusion.reciprocalRank(60).fuse(ranked("a", "7.5"), ranked("a", "0.9", "b", "0.75"), 10);

        FusedHit a = fused.get(0).with(new Passage("a", "doc-a", null, null, "text a", null, null, null));
        assertThat(a.lexicalScore()).isEqualTo(7.5);
        assertThat(a.vectorScore()).isEqualTo(0.9);
        assertThat(a.cosine()).isCloseTo(0.8, within(1e-9));
        assertThat(fused.get(1).lexicalScore()).isNull();
    }

    @Test
    void topKCutsTheFusedList() {
        var fused = RankFusion.reciprocalRank(60).fuse(ranked("a", "3", "b", "2", "c", "1"), ranked("d", "0.9"), 2);

        assertThat(fused).hasSize(2);
    }

    @Test
    void tiesAreBrokenStablyByBestRankThenChunkId() {
        // x is first lexically, y first by vector: same RRF score; the order must not depend on map iteration.
        var fused = RankFusion.reciprocalRank(60).fuse(ranked("y2", "5", "x", "4"), ranked("x2", "0.9", "y", "0.8"), 4);
        var again = RankFusion.reciprocalRank(60).fuse(ranked("y2", "5", "x", "4"), ranked("x2", "0.9", "y", "0.8"), 4);

        assertThat(fused).extracting(h -> h.chunkId()).containsExactly("x2", "y2", "x", "y");
        assertThat(again).isEqualTo(fused);
    }

    @Test
    void emptyListsFuseToNothingAndOneEmptyListLeavesTheOtherOrder() {
        assertThat(RankFusion.reciprocalRank(60).fuse(List.of(), List.of(), 5)).isEmpty();
        assertThat(RankFusion.reciprocalRank(60).fuse(List.of(), ranked("a", "0.9", "b", "0.8"), 5))
                .extracting(h -> h.chunkId()).containsExactly("a", "b");
    }

    @Test
    void convexFusionWeighsNormalisedScores() {
        // lexical, over the best (BM25's lower bound is 0): a=10 -> 1.0, b=5 -> 0.5, c=0 -> 0.0;
        // vector, min-max: b=0.9 -> 1.0, c=0.7 -> 0.0
        var fused = RankFusion.convex(0.6).fuse(ranked("a", "10", "b", "5", "c", "0"), ranked("b", "0.9", "c", "0.7"), 10);

        assertThat(fused).extracting(h -> h.chunkId()).containsExactly("b", "a", "c");
        assertThat(fused.get(0).score()).isCloseTo(0.4 * 0.5 + 0.6 * 1.0, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(0.4 * 1.0, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void theWeakerOfTwoExactMatchesKeepsItsLexicalWeight() {
        // A rare term (a part number, a new name) in two passages: both matched by BM25, neither close in vector
        // space. Min-max would put the weaker at 0, below every vector hit: it must keep 8/10 of the lexical weight.
        var fused = RankFusion.convex(0.6).fuse(ranked("a", "10", "b", "8"),
                ranked("v1", "0.80", "v2", "0.72", "v3", "0.71", "v4", "0.70"), 10);

        assertThat(fused).extracting(h -> h.chunkId()).startsWith("v1", "a", "b");
        assertThat(fused.get(2).score()).isCloseTo(0.4 * 0.8, within(1e-12));
    }

    @Test
    void theVectorWeightDecidesWhetherALexicalOnlyWinnerStaysOnTop() {
        // "exact" is far ahead lexically but absent from the vector list; "both" tops the vector list.
        var lexical = ranked("exact", "40", "both", "4", "x", "3.9");
        var vector = ranked("both", "0.80", "y", "0.79", "z", "0.70");

        assertThat(RankFusion.reciprocalRank(60).fuse(lexical, vector, 1).get(0).chunkId()).isEqualTo("both");
        assertThat(RankFusion.convex(0.6).fuse(lexical, vector, 1).get(0).chunkId()).isEqualTo("both");
        assertThat(RankFusion.convex(0.3).fuse(lexical, vector, 1).get(0).chunkId()).isEqualTo("exact");
    }

    @Test
    void aSingleHitListNormalisesToOne() {
        var fused = RankFusion.convex(0.5).fuse(ranked("a", "3.3"), List.of(), 5);

        assertThat(fused.get(0).score()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void invalidParametersAreRefused() {
        assertThatThrownBy(() -> RankFusion.reciprocalRank(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankFusion.convex(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
