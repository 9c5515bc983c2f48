package io.freshet.query.api;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.query.access.Caller;
import io.freshet.query.access.ReadPermissions;
import io.freshet.query.audit.QueryAudit;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

/**
 * The query API. The {@link Caller} comes from the security layer (io.freshet.query.security); every search, answer
 * and status lookup is limited to what that caller may read ({@link ReadPermissions}) and written to the audit log.
 */
@RestController
@RequestMapping("/v1")
class QueryController {

    private final SearchService search;
    private final DocumentStatuses statuses;
    private final QueryMetrics metrics;
    private final QueryAudit audit;

    QueryController(SearchService search, DocumentStatuses statuses, QueryMetrics metrics, QueryAudit audit) {
        this.search = search;
        this.statuses = statuses;
        this.metrics = metrics;
        this.audit = audit;
    }

    @PostMapping("/search")
    QueryApi.SearchResponse search(Caller caller, @Valid @RequestBody QueryApi.SearchRequest request) {
        SearchMode mode = request.modeOrDefault();
        QueryApi.SearchResponse response = metrics.time("search", mode, () -> new QueryApi.SearchResponse(
                search.search(request.query(), request.topKOrDefault(), mode, caller).hits().stream()
                        .map(QueryApi.SearchHit::of).toList()));
        audit.record("search", caller, request.query(),
                response.hits().stream().map(QueryApi.SearchHit::documentId).toList());
        return response;
    }

    /** Ids may contain slashes (paths of a file share, SharePoint URLs): the rest of the path is the id. */
    @GetMapping("/documents/{*id}")
    DocumentStatus document(Caller caller, @PathVariable("id") String path) {
        String id = path.startsWith("/") ? path.substring(1) : path;
        // A document the caller may not read answers exactly like one that does not exist.
        Optional<DocumentStatus> readable = ReadPermissions.readable(caller, statuses.find(id));
        audit.record("status", caller, null, readable.map(s -> List.of(s.id())).orElse(List.of()));
        return readable.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no document with id '" + id + "' is known"), null));
    }
}
