package io.freshet.query.retrieval;

/** A passage in one ranked list (lexical or vector), with that engine's score; list position is its rank. */
public record Candidate(Passage passage, double score) {
}
