package io.freshet.query.answer;

import java.util.List;

/**
 * How close in meaning each sentence is to the question (cosine, -1..1), in the order given. The answerer
 * uses it to prefer the sentence that answers over one that merely repeats the question's words.
 */
@FunctionalInterface
public interface SentenceSimilarity {

    /** Lexical scoring only. */
    SentenceSimilarity NONE = (question, questionVector, sentences) -> null;

    /**
     * @param questionVector the question's embedding when retrieval made one (it is not made again), else null
     * @return one cosine per sentence, or null when no model is available
     */
    double[] of(String question, float[] questionVector, List<String> sentences);
}
