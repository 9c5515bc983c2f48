package io.freshet.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.freshet.query.answer.Answer.Citation;
import io.freshet.query.answer.AnswerMode;
import io.freshet.query.answer.AnswerOutcome;
import io.freshet.query.answer.conversation.Conversations;
import io.freshet.query.retrieval.FusedHit;
import io.freshet.query.retrieval.Passage;
import io.freshet.query.retrieval.QueryLimits;
import io.freshet.query.retrieval.SearchMode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The request and response bodies of the /v1 API. */
final class QueryApi {

    private QueryApi() {
    }

    record SearchRequest(
            @NotBlank @Size(max = QueryLimits.MAX_QUERY_CHARS) String query,
            @Min(1) @Max(QueryLimits.MAX_TOP_K) Integer topK,
            SearchMode mode) {

        int topKOrDefault() {
            return topK == null ? 10 : topK;
        }

        SearchMode modeOrDefault() {
            return mode == null ? SearchMode.HYBRID : mode;
        }
    }

    record SearchResponse(List<SearchHit> hits) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SearchHit(String documentId, String chunkId, String title, String url, String text, double score,
                     Integer page, String origin) {

        static SearchHit of(FusedHit hit) {
            Passage p = hit.passage();
            return new SearchHit(p.documentId(), p.chunkId(), p.title(), p.url(), p.text(), hit.score(), p.page(), p.origin());
        }
    }

    record AnswerRequest(
            @NotBlank @Size(max = QueryLimits.MAX_QUERY_CHARS) String question,
            @Min(1) @Max(20) Integer topK,
            @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1 to 64 letters, digits, '-' or '_'")
            String conversationId) {

        AnswerRequest(String question, Integer topK) {
            this(question, topK, null);
        }

        int topKOrDefault() {
            return topK == null ? 5 : topK;
        }
    }

    /**
     * An answer: {@code answer}, {@code grounded} and {@code citations} as always, and how it came about. Citation n in
     * the text ("[n]") is {@code citations[n-1]}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AnswerResponse(String answerId, String answer, boolean grounded, AnswerMode mode, List<Citation> citations,
                          List<String> uncitedSentences, Integer inventedCitations, String fallbackReason,
                          String conversationId, String standaloneQuestion) {

        /** {@code standaloneQuestion} only when a follow-up was rewritten: what was searched and answered. */
        static AnswerResponse of(String answerId, AnswerOutcome outcome, Conversations.Prepared asked) {
            return new AnswerResponse(answerId, outcome.answer().answer(), outcome.answer().grounded(), outcome.mode(),
                    outcome.answer().citations(), outcome.uncitedSentences(),
                    outcome.mode() == AnswerMode.GENERATED ? outcome.inventedCitations() : null,
                    outcome.fallbackReason(), asked.conversationId(), asked.rewritten() ? asked.standaloneQuestion() : null);
        }
    }

    /** The SSE {@code citations} event: the checked answer, whose text replaces the streamed tokens. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StreamedCitations(String answer, boolean grounded, List<Citation> citations, List<String> uncitedSentences,
                             Integer inventedCitations) {

        static StreamedCitations of(AnswerResponse response) {
            return new StreamedCitations(response.answer(), response.grounded(), response.citations(),
                    response.uncitedSentences(), response.inventedCitations());
        }
    }

    /** The SSE {@code done} event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StreamDone(String answerId, AnswerMode mode, boolean grounded, String fallbackReason, String conversationId,
                      String standaloneQuestion, Long timeToFirstTokenMs) {
    }

    record StreamedToken(String text) {
    }
}
