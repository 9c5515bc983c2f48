package io.freshet.query;

/**
 * A retrieved passage the answer may quote, in retrieval order (best first). {@code cosine} is its
 * vector similarity to the question, or null when the vector search did not return it.
 */
public record Evidence(String documentId, String title, String url, String text, double score, Double cosine) {
}
