package io.freshet.query;

import java.util.List;
import java.util.Set;

/** Retrieves the caller's best passages (hybrid) and lets the extractive answerer quote them. */
public class AnswerService {

    private final SearchService search;
    private final ExtractiveAnswerer answerer;

    public AnswerService(SearchService search, ExtractiveAnswerer answerer) {
        this.search = search;
        this.answerer = answerer;
    }

    public Answer answer(String question, int topK, Set<String> principals) {
        List<Evidence> evidence = search.search(question, topK, SearchMode.HYBRID, principals).stream()
                .map(hit -> new Evidence(hit.passage().documentId(), hit.passage().title(), hit.passage().url(),
                        hit.passage().text(), hit.score(), hit.cosine(), hit.passage().page(), hit.passage().origin()))
                .toList();
        return answerer.answer(question, evidence);
    }
}
