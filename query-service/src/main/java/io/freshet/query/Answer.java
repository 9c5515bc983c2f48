package io.freshet.query;

import java.util.List;

/** An answer built from the caller's readable passages; {@code grounded} is false when they do not cover it. */
public record Answer(String answer, boolean grounded, List<Citation> citations) {

    public Answer {
        citations = List.copyOf(citations);
    }

    /** A cited document; citation n in the answer text is the n-th element (numbered from 1). */
    public record Citation(String documentId, String title, String url, String snippet, double score) {
    }
}
