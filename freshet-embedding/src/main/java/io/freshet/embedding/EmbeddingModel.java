package io.freshet.embedding;

import java.util.List;

/**
 * Turns text into vectors of one embedding space. The same model must embed the passages (at index time)
 * and the questions (at query time), otherwise their vectors cannot be compared.
 */
public interface EmbeddingModel {

    /** Names the model and its precision, e.g. {@code bge-small-en-v1.5-int8}; recorded with every vector. */
    String id();

    /** Length of every vector this model returns. */
    int dimensions();

    /** Longest input in model tokens (special tokens included); longer inputs are truncated, never rejected. */
    int maxSequenceTokens();

    /** A question's vector, L2-normalised; a configured query instruction is prepended first. */
    float[] embedQuery(String query);

    /** The passages' vectors, L2-normalised, in the order given. */
    List<float[]> embedPassages(List<String> passages);

    /** One passage's vector, L2-normalised. */
    default float[] embedPassage(String passage) {
        return embedPassages(List.of(passage)).get(0);
    }
}
