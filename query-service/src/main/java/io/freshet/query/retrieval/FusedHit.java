package io.freshet.query.retrieval;

/**
 * A passage after fusion: its fused score, and its score in each list it appeared in (null if absent).
 * {@code vectorScore} is the k-NN score, from which {@link #cosine()} is derived.
 */
public record FusedHit(Passage passage, double score, Double lexicalScore, Double vectorScore) {

    /**
     * Cosine similarity of the passage to the question, or null when it was not among the vector results.
     * The lucene engine scores cosinesimil as (1 + cos) / 2.
     */
    public Double cosine() {
        return vectorScore == null ? null : 2 * vectorScore - 1;
    }
}
