package io.freshet.query.answer;

import io.freshet.query.access.Caller;
import io.freshet.query.retrieval.FusedHit;
import io.freshet.query.retrieval.SearchMode;
import io.freshet.query.retrieval.SearchResult;
import io.freshet.query.retrieval.SearchService;

import java.util.List;

/** Retrieves the caller's best passages (hybrid) and has the answerer write from them. */
public class AnswerService {

    private final SearchService search;
    private final Answerer answerer;

    public AnswerService(SearchService search, Answerer answerer) {
        this.search = search;
        this.answerer = answerer;
    }

    public Answer answer(String question, int topK, Caller caller) {
        SearchResult retrieved = search.search(question, topK, SearchMode.HYBRID, caller);
        List<Evidence> evidence = retrieved.hits().stream().map(AnswerService::evidence).toList();
        return answerer.answer(question, retrieved.queryVector(), evidence);
    }

    private static Evidence evidence(FusedHit hit) {
        return new Evidence(hit.passage().documentId(), hit.passage().title(), hit.passage().url(), hit.passage().text(),
                hit.score(), hit.cosine(), hit.passage().page(), hit.passage().origin());
    }
}
