package io.freshet.query.api;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.query.answer.Answer;
import io.freshet.query.answer.AnswerService;
import io.freshet.query.retrieval.DocumentStatuses;
import io.freshet.query.retrieval.SearchMode;
import io.freshet.query.retrieval.SearchService;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;

/**
 * The query API. Every search and answer is limited to the passages the caller may read, as named by the
 * {@code X-Freshet-Principals} header (see {@link CallerPrincipals}).
 */
@RestController
@RequestMapping("/v1")
class QueryController {

    private final SearchService search;
    private final AnswerService answers;
    private final DocumentStatuses statuses;
    private final QueryMetrics metrics;

    QueryController(SearchService search, AnswerService answers, DocumentStatuses statuses, QueryMetrics metrics) {
        this.search = search;
        this.answers = answers;
        this.statuses = statuses;
        this.metrics = metrics;
    }

    @PostMapping("/search")
    QueryApi.SearchResponse search(@RequestHeader(name = CallerPrincipals.HEADER, required = false) String principals,
                                   @Valid @RequestBody QueryApi.SearchRequest request) {
        Set<String> caller = CallerPrincipals.parse(principals);
        SearchMode mode = request.modeOrDefault();
        return metrics.time("search", mode, () -> new QueryApi.SearchResponse(
                search.search(request.query(), request.topKOrDefault(), mode, caller).hits().stream()
                        .map(QueryApi.SearchHit::of).toList()));
    }

    @PostMapping("/answer")
    Answer answer(@RequestHeader(name = CallerPrincipals.HEADER, required = false) String principals,
                  @Valid @RequestBody QueryApi.AnswerRequest request) {
        Set<String> caller = CallerPrincipals.parse(principals);
        return metrics.time("answer", SearchMode.HYBRID,
                () -> answers.answer(request.question(), request.topKOrDefault(), caller));
    }

    /** Ids may contain slashes (paths of a file share, SharePoint URLs): the rest of the path is the id. */
    @GetMapping("/documents/{*id}")
    DocumentStatus document(@PathVariable("id") String path) {
        String id = path.startsWith("/") ? path.substring(1) : path;
        return statuses.find(id).orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no document with id '" + id + "' is known"), null));
    }
}
