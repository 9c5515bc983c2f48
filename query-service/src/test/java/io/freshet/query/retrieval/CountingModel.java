package io.freshet.query.retrieval;

import io.freshet.embedding.EmbeddingModel;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A 2-dimensional stand-in model that counts the queries it embeds; a query's vector depends on its text. */
final class CountingModel implements EmbeddingModel {

    final AtomicInteger queriesEmbedded = new AtomicInteger();

    @Override
    public String id() {
        return "counting";
    }

    @Override
    public int dimensions() {
        return 2;
    }

    @Override
    public int maxSequenceTokens() {
        return 512;
    }

    @Override
    public float[] embedQuery(String query) {
        queriesEmbedded.incrementAndGet();
        return new float[] {query.length(), 1};
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
        return passages.stream().map(p -> new float[] {p.length(), 1}).toList();
    }
}
