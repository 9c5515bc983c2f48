package io.freshet.query.retrieval;

/** One indexed chunk as retrieval returns it; {@code page} and {@code origin} are null when unknown. */
public record Passage(String chunkId, String documentId, String title, String url, String text, Integer page,
                      String origin) {
}
