package io.freshet.query.retrieval;

/** A chunk after fusion, before its passage is fetched: its fused score and its score in each list (null if absent). */
public record RankedChunk(String chunkId, double score, Double lexicalScore, Double vectorScore) {

    FusedHit with(Passage passage) {
        return new FusedHit(passage, score, lexicalScore, vectorScore);
    }
}
