package io.freshet.query.opensearch;

import io.freshet.contract.failure.TransientFailureException;
import io.freshet.contract.index.ChunkIndex;
import io.freshet.pipeline.opensearch.OpenSearchCalls;
import io.freshet.query.retrieval.Candidate;
import io.freshet.query.retrieval.Passage;
import io.freshet.query.retrieval.PassageIndex;
import io.freshet.query.retrieval.Retrieval;
import io.freshet.query.retrieval.Served;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.MsearchResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.msearch.MultiSearchResponseItem;
import org.opensearch.client.opensearch.core.msearch.RequestItem;
import org.opensearch.client.opensearch.core.search.SourceConfig;
import org.opensearch.client.opensearch.core.search.Hit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the lexical and the vector search in one _msearch round trip for ids and scores, then reads the passages of
 * the ids fusion keeps in a second, small search. Every request carries the caller's ACL filter:
 * a passage is returned only if it is public or lists one of the caller's principals. The k-NN query takes
 * the filter inside it (the lucene engine filters during the graph search), so k results are the k
 * nearest the caller may read, not the k nearest overall minus the forbidden ones.
 */
public class OpenSearchChunkSearcher implements PassageIndex {

    private final OpenSearchClient client;
    private final String chunkIndex;
    private final double titleBoost;
    private final OpenSearchCalls calls;
    private final ServedIndex served;

    /** What a passage shows and its ACL: never the embedding, nor fields nobody reads here. */
    private static final SourceConfig PASSAGE_FIELDS = SourceConfig.of(s -> s.filter(f -> f.includes(ChunkSource.FIELDS)));

    /** Searches {@code chunkIndex} as named (an alias or an index), whatever it serves. */
    public OpenSearchChunkSearcher(OpenSearchClient client, String chunkIndex, double titleBoost, OpenSearchCalls calls) {
        this(client, chunkIndex, titleBoost, calls, null);
    }

    /** Searches what {@code served} says the alias {@code chunkIndex} serves, one snapshot a query. */
    public OpenSearchChunkSearcher(OpenSearchClient client, String chunkIndex, double titleBoost, OpenSearchCalls calls,
                                   ServedIndex served) {
        this.client = client;
        this.chunkIndex = chunkIndex;
        this.titleBoost = titleBoost;
        this.calls = calls;
        this.served = served;
    }

    @Override
    public Served served() {
        return served == null ? Served.CONFIGURED : served.current();
    }

    @Override
    public PassageIndex pinned(Served snapshot) {
        return snapshot.index() == null || snapshot.index().equals(chunkIndex) ? this
                : new OpenSearchChunkSearcher(client, snapshot.index(), titleBoost, calls, null);
    }

    @Override
    public Retrieval search(String text, float[] vector, int size, int k, Set<String> principals) {
        Query acl = readableBy(principals);
        var searches = new ArrayList<RequestItem>();
        if (text != null) {
            searches.add(idsAndScores(size, lexical(text, acl)));
        }
        if (vector != null) {
            searches.add(idsAndScores(size, knn(vector, Math.max(k, size), acl)));
        }
        if (searches.isEmpty()) {
            return new Retrieval(List.of(), List.of());
        }
        MsearchResponse<Void> response = calls.call("searching " + chunkIndex,
                () -> client.msearch(m -> m.index(chunkIndex).searches(searches), Void.class));
        List<MultiSearchResponseItem<Void>> items = response.responses();
        int next = 0;
        List<Candidate> lexical = text == null ? List.of() : candidates(items.get(next++));
        List<Candidate> nearest = vector == null ? List.of() : candidates(items.get(next));
        return new Retrieval(lexical, nearest);
    }

    /** By id, with the caller's filter again: a chunk re-shared or deleted since it was ranked does not come back. */
    @Override
    public List<Passage> passages(List<String> chunkIds, Set<String> principals) {
        if (chunkIds.isEmpty()) {
            return List.of();
        }
        Query byIds = Query.of(q -> q.bool(b -> b
                .filter(Query.of(f -> f.ids(i -> i.values(chunkIds))))
                .filter(readableBy(principals))));
        SearchResponse<ChunkSource> response = calls.call("reading passages by id in " + chunkIndex,
                () -> client.search(s -> s.index(chunkIndex).size(chunkIds.size()).query(byIds)
                        .ignoreUnavailable(true)
                        .trackTotalHits(t -> t.enabled(false))
                        .source(PASSAGE_FIELDS), ChunkSource.class));
        return passages(response);
    }

    @Override
    public List<Passage> passagesOf(String documentId, int limit, Set<String> principals) {
        Query ofDocument = Query.of(q -> q.bool(b -> b
                .filter(Query.of(f -> f.term(t -> t.field(ChunkIndex.DOCUMENT_ID).value(FieldValue.of(documentId)))))
                .filter(readableBy(principals))));
        SearchResponse<ChunkSource> response = calls.call("reading passages of a document in " + chunkIndex,
                () -> client.search(s -> s.index(chunkIndex).size(limit).query(ofDocument)
                        .ignoreUnavailable(true)
                        .sort(o -> o.field(f -> f.field(ChunkIndex.CHUNK_NUMBER).order(SortOrder.Asc)))
                        .source(PASSAGE_FIELDS), ChunkSource.class));
        return passages(response);
    }

    private static List<Passage> passages(SearchResponse<ChunkSource> response) {
        return response.hits().hits().stream().filter(hit -> hit.source() != null)
                .map(hit -> hit.source().toPassage(hit.id())).toList();
    }

    /**
     * A ranked list without _source: no passage text, no vector; OpenSearch then does not even load the stored
     * document. No total count either: BM25 may skip the documents that cannot reach the top {@code size}.
     */
    private static RequestItem idsAndScores(int size, Query query) {
        return RequestItem.of(r -> r.header(h -> h)
                .body(b -> b.size(size).query(query)
                        .trackTotalHits(t -> t.enabled(false))
                        .source(s -> s.fetch(false))));
    }

    private Query lexical(String text, Query acl) {
        Query match = titleBoost > 0
                ? Query.of(q -> q.multiMatch(m -> m.query(text)
                        .fields(ChunkIndex.TEXT, ChunkIndex.TITLE + "^" + titleBoost)))
                : Query.of(q -> q.match(m -> m.field(ChunkIndex.TEXT).query(FieldValue.of(text))));
        return Query.of(q -> q.bool(b -> b.must(match).filter(acl)));
    }

    private static Query knn(float[] vector, int k, Query acl) {
        var values = new ArrayList<Float>(vector.length);
        for (float v : vector) {
            values.add(v);
        }
        return Query.of(q -> q.knn(n -> n.field(ChunkIndex.EMBEDDING).vector(values).k(k).filter(acl)));
    }

    /** Public, or shared with one of the caller's principals. No principals: public passages only. */
    static Query readableBy(Set<String> principals) {
        Query isPublic = Query.of(q -> q.term(t -> t.field(ChunkIndex.ACL_PUBLIC).value(FieldValue.of(true))));
        if (principals.isEmpty()) {
            return isPublic;
        }
        List<FieldValue> values = principals.stream().map(FieldValue::of).toList();
        Query shared = Query.of(q -> q.terms(t -> t.field(ChunkIndex.ACL_PRINCIPALS).terms(v -> v.value(values))));
        return Query.of(q -> q.bool(b -> b.should(isPublic, shared).minimumShouldMatch("1")));
    }

    private static List<Candidate> candidates(MultiSearchResponseItem<Void> item) {
        if (item.isFailure()) {
            ErrorCause error = item.failure().error();
            if (OpenSearchCalls.isIndexMissing(error)) {
                return List.of(); // nothing indexed yet
            }
            if (OpenSearchCalls.isTransient(item.failure().status(), error)) {
                throw new TransientFailureException("OpenSearch could not search: " + error.type() + ": " + error.reason(), null);
            }
            throw new IllegalStateException("OpenSearch refused the search: " + error.type() + ": " + error.reason());
        }
        var candidates = new ArrayList<Candidate>();
        for (Hit<Void> hit : item.result().hits().hits()) {
            if (hit.id() != null && hit.score() != null) {
                candidates.add(new Candidate(hit.id(), hit.score()));
            }
        }
        return candidates;
    }
}
