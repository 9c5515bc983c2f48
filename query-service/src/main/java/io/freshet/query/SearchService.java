package io.freshet.query;

import io.freshet.embedding.EmbeddingModel;

import java.util.List;
import java.util.Set;

/** Turns a query into ranked passages the caller may read: lexical, vector, or both fused. */
public class SearchService {

    private final OpenSearchChunkSearcher searcher;
    private final EmbeddingModel model;
    private final RankFusion fusion;
    private final int candidates;
    private final int knnK;

    public SearchService(OpenSearchChunkSearcher searcher, EmbeddingModel model, RankFusion fusion, int candidates, int knnK) {
        this.searcher = searcher;
        this.model = model;
        this.fusion = fusion;
        this.candidates = candidates;
        this.knnK = knnK;
    }

    public List<FusedHit> search(String query, int topK, SearchMode mode, Set<String> principals) {
        switch (mode) {
            case LEXICAL -> {
                Retrieval r = searcher.search(query, null, topK, topK, principals);
                return r.lexical().stream().map(c -> new FusedHit(c.passage(), c.score(), c.score(), null)).toList();
            }
            case VECTOR -> {
                Retrieval r = searcher.search(null, model.embedQuery(query), topK, Math.max(topK, knnK), principals);
                return r.vector().stream().map(c -> new FusedHit(c.passage(), c.score(), null, c.score())).toList();
            }
            default -> {
                // Each list is fetched deeper than topK: fusion can lift a passage that one list ranks low.
                int depth = Math.max(topK, candidates);
                Retrieval r = searcher.search(query, model.embedQuery(query), depth, Math.max(depth, knnK), principals);
                return fusion.fuse(r.lexical(), r.vector(), topK);
            }
        }
    }
}
