package io.freshet.embed;

/**
 * A passage of a document, ready to embed.
 *
 * @param number         position in the document, from 0, in reading order
 * @param text           the passage as it appears in the document (what is stored and shown)
 * @param page           the page where the passage starts, or null when the document has no pages
 * @param origin         where the passage comes from inside the document (e.g. an attachment), null for the body
 * @param tokens         model tokens of {@code text}
 * @param embeddingInput what the model embeds: the text, with the document title on a line before it
 */
public record Chunk(int number, String text, Integer page, String origin, int tokens, String embeddingInput) {
}
