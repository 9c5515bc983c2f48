package io.freshet.query.answer;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which path wrote an answer. */
public enum AnswerMode {
    /** A language model wrote it from the numbered passages (or abstained without being called). */
    GENERATED("generated"),
    /** No model is configured: sentences quoted from the passages. */
    EXTRACTIVE("extractive"),
    /** A model is configured but failed (timeout, 429, 5xx, open breaker, unreadable reply): quoted instead. */
    EXTRACTIVE_FALLBACK("extractive-fallback");

    private final String wireName;

    AnswerMode(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
