package io.freshet.query.retrieval;

import java.util.List;

/**
 * Merges the lexical (BM25) and vector (k-NN) result lists into one ranking. OpenSearch's own hybrid query
 * is not available here (no neural-search plugin), so fusion happens in the service. Pure: no I/O.
 */
public interface RankFusion {

    /** The best {@code topK} chunks of both lists; each list is in rank order, best first. */
    List<RankedChunk> fuse(List<Candidate> lexical, List<Candidate> vector, int topK);

    static RankFusion reciprocalRank(int k) {
        return new ReciprocalRankFusion(k);
    }

    static RankFusion convex(double vectorWeight) {
        return new ConvexFusion(vectorWeight);
    }
}
