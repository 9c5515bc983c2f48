package io.freshet.query.answer;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An answer built from the caller's readable passages; {@code grounded} is false when they do not cover it. */
public record Answer(String answer, boolean grounded, List<Citation> citations) {

    public Answer {
        citations = List.copyOf(citations);
    }

    /**
     * A quoted place: citation n in the answer text is the n-th element (numbered from 1). One citation per
     * document, page and origin, so "[2]" leads to where the quoted sentence is, for example page 4 of the
     * attachment "report.pdf"; {@code snippet} is what the answer quotes from there.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Citation(String documentId, String title, String url, Integer page, String origin, String snippet,
                           double score) {
    }
}
