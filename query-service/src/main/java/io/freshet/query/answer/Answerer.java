package io.freshet.query.answer;

import java.util.List;

/**
 * Writes an answer from the passages retrieved for this caller, citing them; says it does not know when they do
 * not cover the question. The extractive answerer is the default; a generated one plugs in here.
 */
@FunctionalInterface
public interface Answerer {

    /**
     * @param questionVector the question's embedding from retrieval, or null if none was made
     * @param evidence       the caller's readable passages, best first
     */
    Answer answer(String question, float[] questionVector, List<Evidence> evidence);
}
