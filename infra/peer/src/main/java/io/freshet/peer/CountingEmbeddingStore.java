package io.freshet.peer;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The store the ingestor writes to, passing everything on to the real one: it keeps the segments written, so the
 * clock can stop when the index holds that many, and their texts can be measured after the clock stopped.
 */
final class CountingEmbeddingStore implements EmbeddingStore<TextSegment> {

    private final EmbeddingStore<TextSegment> store;
    private final List<String> segmentTexts = Collections.synchronizedList(new ArrayList<>());

    CountingEmbeddingStore(EmbeddingStore<TextSegment> store) {
        this.store = store;
    }

    int segmentsWritten() {
        return segmentTexts.size();
    }

    List<String> segmentTexts() {
        return List.copyOf(segmentTexts);
    }

    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        store.addAll(ids, embeddings, segments);
        segments.forEach(segment -> segmentTexts.add(segment.text()));
    }

    @Override
    public String add(Embedding embedding) {
        throw unexpected();
    }

    @Override
    public void add(String id, Embedding embedding) {
        throw unexpected();
    }

    @Override
    public String add(Embedding embedding, TextSegment segment) {
        String id = store.add(embedding, segment);
        segmentTexts.add(segment.text());
        return id;
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        throw unexpected();
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        return store.search(request);
    }

    /** The ingestor always writes segments with their embeddings; anything else would go uncounted. */
    private static UnsupportedOperationException unexpected() {
        return new UnsupportedOperationException("the peer only writes embeddings with their text segments");
    }
}
