package io.freshet.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.freshet.query.retrieval.FusedHit;
import io.freshet.query.retrieval.Passage;
import io.freshet.query.retrieval.SearchMode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The request and response bodies of the /v1 API. */
final class QueryApi {

    static final int MAX_QUERY_CHARS = 2000;

    private QueryApi() {
    }

    record SearchRequest(
            @NotBlank @Size(max = MAX_QUERY_CHARS) String query,
            @Min(1) @Max(100) Integer topK,
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
            @NotBlank @Size(max = MAX_QUERY_CHARS) String question,
            @Min(1) @Max(20) Integer topK) {

        int topKOrDefault() {
            return topK == null ? 5 : topK;
        }
    }
}
