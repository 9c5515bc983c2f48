package io.freshet.query.retrieval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Which retrieval /v1/search runs. */
public enum SearchMode {
    /** BM25 and k-NN, fused. */
    HYBRID,
    /** k-NN over the passage embeddings only. */
    VECTOR,
    /** BM25 over the passage text only. */
    LEXICAL;

    @JsonCreator
    public static SearchMode of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be one of hybrid, vector, lexical; got '" + value + "'");
        }
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
