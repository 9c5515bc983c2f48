package io.freshet.query.retrieval;

import java.util.List;
import java.util.Set;

/**
 * The retrieval port: where the passages are searched (OpenSearch in production). Searching is two steps: ranked
 * lists of chunk ids, then the passages of the few ids that fusion keeps. Every step carries the caller's ACL filter
 * inside the engine, so k results are the k best the caller may read.
 */
public interface PassageIndex {

    /** What the index serves now; without a way to tell, the configured index and model. */
    default Served served() {
        return Served.CONFIGURED;
    }

    /** This index as of {@code served}: every call reads that snapshot's index, whatever a model change does meanwhile. */
    default PassageIndex pinned(Served served) {
        return this;
    }

    /**
     * Ranked chunk ids and scores only, no text: fusion needs no more, and a list runs much deeper than what is shown.
     *
     * @param text       the query for BM25, or null to skip the lexical search
     * @param vector     the query embedding, or null to skip the vector search
     * @param size       results per list
     * @param k          nearest neighbours the k-NN search collects (at least {@code size})
     * @param principals the caller's user and group principals; empty: public passages only
     */
    Retrieval search(String text, float[] vector, int size, int k, Set<String> principals);

    /**
     * The passages of these chunks that exist and the caller may read, in any order. A chunk deleted (or re-shared)
     * since it was ranked is simply not returned.
     *
     * @param principals the caller's user and group principals; empty: public passages only
     */
    List<Passage> passages(List<String> chunkIds, Set<String> principals);

    /**
     * The passages of one document in reading order, at most {@code limit}, with the same ACL filter in the engine.
     *
     * @param principals the caller's user and group principals; empty: public passages only
     */
    List<Passage> passagesOf(String documentId, int limit, Set<String> principals);
}
