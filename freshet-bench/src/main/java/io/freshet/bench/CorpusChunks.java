package io.freshet.bench;

import io.freshet.bench.IndexReader.StoredChunk;

import java.util.List;

/**
 * The chunks of the ingested corpus with their vectors, read from the index once, by the first phase that needs
 * them: when that is the bare-embedding phase, before any freshness update has changed a document.
 */
final class CorpusChunks {

    private final IndexReader index;
    private List<StoredChunk> chunks = List.of();

    CorpusChunks(IndexReader index) {
        this.index = index;
    }

    /** The chunks; read again while the index returned none, as there is nothing to keep then. */
    synchronized List<StoredChunk> get() {
        if (chunks.isEmpty()) {
            index.refresh();
            chunks = index.allChunks();
        }
        return chunks;
    }
}
