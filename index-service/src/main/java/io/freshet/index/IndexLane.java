package io.freshet.index;

/**
 * One embedding model's indices and their writer: index-service keeps one lane per model the pipeline maintains (the
 * serving model's; during and after a model change, the other one's too).
 */
public record IndexLane(String model, IndexBootstrap bootstrap, OpenSearchIndexStore store, DocumentIndexer indexer) {
}
