package io.freshet.query.answer;

/**
 * A retrieved passage the answer may quote, in retrieval order (best first). {@code cosine} is its
 * vector similarity to the question, or null when the vector search did not return it; {@code page} and
 * {@code origin} say where in the document it is (null when unknown, or for the body of a plain document).
 */
public record Evidence(String documentId, String title, String url, String text, double score, Double cosine,
                       Integer page, String origin) {

    /** A passage of a document without pages or embedded parts. */
    public Evidence(String documentId, String title, String url, String text, double score, Double cosine) {
        this(documentId, title, url, text, score, cosine, null, null);
    }
}
