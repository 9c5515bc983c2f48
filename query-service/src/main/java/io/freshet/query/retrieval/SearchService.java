package io.freshet.query.retrieval;

import io.freshet.embedding.EmbeddingModel;
import io.freshet.query.access.Caller;
import io.freshet.query.access.ReadPermissions;

import java.util.List;
import java.util.Set;

/**
 * Turns a query into ranked passages the caller may read: lexical, vector, or both fused. Every query path
 * (search, answer, and whatever comes next) retrieves through here; the question is embedded once. What it returns
 * has passed {@link ReadPermissions}.
 */
public class SearchService {

    private final PassageIndex index;
    private final EmbeddingModel model;
    private final RankFusion fusion;
    private final int candidates;
    private final int knnK;

    public SearchService(PassageIndex index, EmbeddingModel model, RankFusion fusion, int candidates, int knnK) {
        this.index = index;
        this.model = model;
        this.fusion = fusion;
        this.candidates = candidates;
        this.knnK = knnK;
    }

    public SearchResult search(String query, int topK, SearchMode mode, Caller caller) {
        SearchResult found = retrieve(query, topK, mode, caller.principals());
        return new SearchResult(ReadPermissions.readable(caller, found.hits()), found.queryVector());
    }

    /** The passages of one document the caller may read, in reading order; empty if none (or no such document). */
    public List<Passage> passagesOf(String documentId, int limit, Caller caller) {
        return ReadPermissions.readablePassages(caller, index.passagesOf(documentId, limit, caller.principals()));
    }

    private SearchResult retrieve(String query, int topK, SearchMode mode, Set<String> principals) {
        switch (mode) {
            case LEXICAL -> {
                Retrieval r = index.search(query, null, topK, topK, principals);
                return new SearchResult(r.lexical().stream().map(c -> new FusedHit(c.passage(), c.score(), c.score(), null))
                        .toList(), null);
            }
            case VECTOR -> {
                float[] vector = model.embedQuery(query);
                Retrieval r = index.search(null, vector, topK, Math.max(topK, knnK), principals);
                return new SearchResult(r.vector().stream().map(c -> new FusedHit(c.passage(), c.score(), null, c.score()))
                        .toList(), vector);
            }
            default -> {
                // Each list is fetched deeper than topK: fusion can lift a passage that one list ranks low.
                int depth = Math.max(topK, candidates);
                float[] vector = model.embedQuery(query);
                Retrieval r = index.search(query, vector, depth, Math.max(depth, knnK), principals);
                List<FusedHit> hits = fusion.fuse(r.lexical(), r.vector(), topK);
                return new SearchResult(hits, vector);
            }
        }
    }
}
