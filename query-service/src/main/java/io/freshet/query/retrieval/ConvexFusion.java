package io.freshet.query.retrieval;

import java.util.List;

/**
 * Convex combination of normalised scores: w * vector + (1 - w) * lexical, a passage missing from a list scoring 0
 * there. Unlike rank fusion it keeps how far the top hit stands above the rest.
 *
 * <p>Vector scores are min-max normalised over the list. Lexical scores are divided by the best one: BM25's own lower
 * bound is 0 (a passage without the terms), so when only a few passages hold a rare term (a part number, a new name)
 * the weakest of them keeps most of its weight. Min-max would put it at 0, below every vector hit, and an exact
 * match would drop out of the results for being the last of two.
 */
final class ConvexFusion implements RankFusion {

    private final double vectorWeight;

    ConvexFusion(double vectorWeight) {
        if (vectorWeight < 0 || vectorWeight > 1) {
            throw new IllegalArgumentException("the vector weight must be within [0, 1], got " + vectorWeight);
        }
        this.vectorWeight = vectorWeight;
    }

    @Override
    public List<RankedChunk> fuse(List<Candidate> lexical, List<Candidate> vector, int topK) {
        var tally = new FusionTally();
        add(tally, lexical, 0, 1 - vectorWeight, true);
        add(tally, vector, minimum(vector), vectorWeight, false);
        return tally.top(topK);
    }

    private static double minimum(List<Candidate> list) {
        return list.stream().mapToDouble(Candidate::score).min().orElse(0);
    }

    private static void add(FusionTally tally, List<Candidate> list, double lowerBound, double weight, boolean lexical) {
        double max = list.stream().mapToDouble(Candidate::score).max().orElse(0);
        for (int rank = 0; rank < list.size(); rank++) {
            Candidate candidate = list.get(rank);
            // All scores at the lower bound (or a single vector hit): each is as good as the best.
            double normalised = max > lowerBound ? (candidate.score() - lowerBound) / (max - lowerBound) : 1.0;
            tally.add(candidate, rank, weight * Math.max(0, normalised), lexical);
        }
    }
}
