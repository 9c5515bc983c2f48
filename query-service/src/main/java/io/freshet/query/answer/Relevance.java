package io.freshet.query.answer;

import java.util.List;

/**
 * Whether retrieval found anything close enough to the question to answer from: some passage's vector similarity
 * reaches {@code minCosine}. Below it no answerer quotes and no model is called (it would only be asked to invent).
 */
public final class Relevance {

    private Relevance() {
    }

    public static boolean anyRelevant(List<Evidence> evidence, double minCosine) {
        if (evidence.isEmpty()) {
            return false;
        }
        if (minCosine <= -1) {
            return true;
        }
        return evidence.stream().map(Evidence::cosine).anyMatch(c -> c != null && c >= minCosine);
    }
}
