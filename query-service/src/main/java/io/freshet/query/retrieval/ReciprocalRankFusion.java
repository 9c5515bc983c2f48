package io.freshet.query.retrieval;

import java.util.List;

/**
 * Reciprocal rank fusion: score = sum over the lists of 1 / (k + rank), rank counted from 1. Uses only
 * positions, so BM25's unbounded scores and k-NN's bounded ones need no calibration.
 */
final class ReciprocalRankFusion implements RankFusion {

    private final int k;

    ReciprocalRankFusion(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("the RRF constant must be at least 1, got " + k);
        }
        this.k = k;
    }

    @Override
    public List<RankedChunk> fuse(List<Candidate> lexical, List<Candidate> vector, int topK) {
        var tally = new FusionTally();
        for (int rank = 0; rank < lexical.size(); rank++) {
            tally.add(lexical.get(rank), rank, 1.0 / (k + rank + 1), true);
        }
        for (int rank = 0; rank < vector.size(); rank++) {
            tally.add(vector.get(rank), rank, 1.0 / (k + rank + 1), false);
        }
        return tally.top(topK);
    }
}
