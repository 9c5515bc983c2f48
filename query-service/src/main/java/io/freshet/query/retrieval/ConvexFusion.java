package io.freshet.query.retrieval;

import java.util.List;

/**
 * Convex combination of min-max normalised scores: w * vector + (1 - w) * lexical, a passage missing from
 * a list scoring 0 there. Unlike rank fusion it keeps how far the top hit stands above the rest.
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
        add(tally, lexical, 1 - vectorWeight, true);
        add(tally, vector, vectorWeight, false);
        return tally.top(topK);
    }

    private static void add(FusionTally tally, List<Candidate> list, double weight, boolean lexical) {
        double min = list.stream().mapToDouble(Candidate::score).min().orElse(0);
        double max = list.stream().mapToDouble(Candidate::score).max().orElse(0);
        for (int rank = 0; rank < list.size(); rank++) {
            Candidate candidate = list.get(rank);
            // All scores equal (or a single hit): each is as good as the best.
            double normalised = max > min ? (candidate.score() - min) / (max - min) : 1.0;
            tally.add(candidate, rank, weight * normalised, lexical);
        }
    }
}
