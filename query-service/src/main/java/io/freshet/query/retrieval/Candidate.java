package io.freshet.query.retrieval;

/**
 * A chunk in one ranked list (lexical or vector), with that engine's score; list position is its rank. Only the id:
 * the text of the few chunks that survive fusion is fetched afterwards ({@link PassageIndex#passages}).
 */
public record Candidate(String chunkId, double score) {
}
