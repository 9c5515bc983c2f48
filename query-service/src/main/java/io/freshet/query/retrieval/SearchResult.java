package io.freshet.query.retrieval;

import java.util.List;

/**
 * What a search found, with the query's embedding (null for a lexical search), so that whoever answers from the
 * hits does not embed the question a second time.
 */
public record SearchResult(List<FusedHit> hits, float[] queryVector) {

    public SearchResult {
        hits = List.copyOf(hits);
    }
}
