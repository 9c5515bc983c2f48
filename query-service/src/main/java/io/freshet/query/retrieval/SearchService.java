package io.freshet.query.retrieval;

import io.freshet.embedding.EmbeddingModel;
import io.freshet.query.access.Caller;
import io.freshet.query.access.ReadPermissions;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a query into ranked passages the caller may read: lexical, vector, or both fused. Every query path
 * (search, answer, and whatever comes next) retrieves through here; the question is embedded once. What it returns
 * has passed {@link ReadPermissions}.
 */
public class SearchService {

    private final PassageIndex index;
    private final QueryVectors vectors;
    private final RankFusion fusion;
    private final int candidates;
    private final int knnK;

    public SearchService(PassageIndex index, QueryVectors vectors, RankFusion fusion, int candidates, int knnK) {
        this.index = index;
        this.vectors = vectors;
        this.fusion = fusion;
        this.candidates = candidates;
        this.knnK = knnK;
    }

    /** Every query embedded afresh. */
    public SearchService(PassageIndex index, EmbeddingModel model, RankFusion fusion, int candidates, int knnK) {
        this(index, QueryVectors.uncached(model), fusion, candidates, knnK);
    }

    public SearchResult search(String query, int topK, SearchMode mode, Caller caller) {
        QueryLimits.check(query, topK);
        Ranked ranked = rank(query, topK, mode, caller.principals());
        List<FusedHit> hits = withPassages(ranked.pinned(), ranked.chunks(), caller.principals());
        return new SearchResult(ReadPermissions.readable(caller, hits), ranked.queryVector());
    }

    /** The passages of one document the caller may read, in reading order; empty if none (or no such document). */
    public List<Passage> passagesOf(String documentId, int limit, Caller caller) {
        return ReadPermissions.readablePassages(caller, index.passagesOf(documentId, limit, caller.principals()));
    }

    private record Ranked(List<RankedChunk> chunks, float[] queryVector, PassageIndex pinned) {
    }

    /** One snapshot of what is served for the whole search: the question's vector and the passages from one model. */
    private Ranked rank(String query, int topK, SearchMode mode, Set<String> principals) {
        Served served = index.served();
        PassageIndex pinned = index.pinned(served);
        switch (mode) {
            case LEXICAL -> {
                Retrieval r = pinned.search(query, null, topK, topK, principals);
                return new Ranked(r.lexical().stream().map(c -> new RankedChunk(c.chunkId(), c.score(), c.score(), null))
                        .toList(), null, pinned);
            }
            case VECTOR -> {
                float[] vector = vectors.of(served.model(), query);
                Retrieval r = pinned.search(null, vector, topK, Math.max(topK, knnK), principals);
                return new Ranked(r.vector().stream().map(c -> new RankedChunk(c.chunkId(), c.score(), null, c.score()))
                        .toList(), vector, pinned);
            }
            default -> {
                // Each list is fetched deeper than topK: fusion can lift a passage that one list ranks low.
                int depth = Math.max(topK, candidates);
                float[] vector = vectors.of(served.model(), query);
                Retrieval r = pinned.search(query, vector, depth, Math.max(depth, knnK), principals);
                return new Ranked(fusion.fuse(r.lexical(), r.vector(), topK), vector, pinned);
            }
        }
    }

    /** The ranked chunks with their passages, in rank order; a chunk whose passage did not come back is left out. */
    private static List<FusedHit> withPassages(PassageIndex index, List<RankedChunk> ranked, Set<String> principals) {
        if (ranked.isEmpty()) {
            return List.of();
        }
        Map<String, Passage> byId = index.passages(ranked.stream().map(RankedChunk::chunkId).toList(), principals).stream()
                .collect(Collectors.toMap(Passage::chunkId, Function.identity(), (a, b) -> a));
        return ranked.stream().filter(chunk -> byId.containsKey(chunk.chunkId()))
                .map(chunk -> chunk.with(byId.get(chunk.chunkId()))).toList();
    }
}
