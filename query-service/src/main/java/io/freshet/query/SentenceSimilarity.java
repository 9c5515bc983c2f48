package io.freshet.query;

import java.util.List;

/**
 * How close in meaning each sentence is to the question (cosine, -1..1), in the order given. The answerer
 * uses it to prefer the sentence that answers over one that merely repeats the question's words.
 */
@FunctionalInterface
public interface SentenceSimilarity {

    /** Lexical scoring only. */
    SentenceSimilarity NONE = (question, sentences) -> null;

    /** @return one cosine per sentence, or null when no model is available */
    double[] of(String question, List<String> sentences);
}
