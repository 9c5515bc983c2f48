package io.freshet.embed;

/**
 * How documents are cut into passages, in model tokens.
 *
 * @param chunkTokens      most tokens in one chunk's text
 * @param overlapTokens    about how many tokens a chunk repeats from the end of the previous one, so that a
 *                         sentence cut by a chunk boundary is still whole in one of the two
 * @param titleInEmbedding whether the document title is put on a line before the chunk text when embedding,
 *                         unless the chunk already opens with it (the stored chunk text stays the plain text)
 * @param titleMaxTokens   the title is cut (at a word) to at most this many tokens before it is prepended
 */
public record ChunkingPolicy(int chunkTokens, int overlapTokens, boolean titleInEmbedding, int titleMaxTokens) {

    public ChunkingPolicy {
        if (chunkTokens < 16) {
            throw new IllegalArgumentException("chunkTokens must be at least 16, got " + chunkTokens);
        }
        if (overlapTokens < 0 || overlapTokens * 2 > chunkTokens) {
            throw new IllegalArgumentException(
                    "overlapTokens must be between 0 and half of chunkTokens (" + chunkTokens + "), got " + overlapTokens);
        }
        if (titleMaxTokens < 0) {
            throw new IllegalArgumentException("titleMaxTokens must not be negative, got " + titleMaxTokens);
        }
    }

    /**
     * This policy with chunks small enough that the longest input (title included) takes at most {@code maxTokens}
     * tokens, special tokens excluded: a model trained on shorter inputs than the configured chunks gets whole chunks.
     */
    public ChunkingPolicy fittedTo(int maxTokens) {
        int room = maxTokens - (titleInEmbedding ? titleMaxTokens : 0);
        if (room >= chunkTokens) {
            return this;
        }
        return new ChunkingPolicy(room, Math.min(overlapTokens, room / 2), titleInEmbedding, titleMaxTokens);
    }

    /** Longest embedding input this policy produces, in tokens, special tokens excluded. */
    public int maxEmbeddingInputTokens() {
        return chunkTokens + (titleInEmbedding ? titleMaxTokens : 0);
    }
}
