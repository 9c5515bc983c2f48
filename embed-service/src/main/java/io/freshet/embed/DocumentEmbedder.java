package io.freshet.embed;

import io.freshet.contract.event.EmbeddedChunk;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.ExtractedDocument;
import io.freshet.embedding.EmbeddingModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * embed-service's core: an extracted document becomes all its chunks with their vectors; a delete passes
 * through as a delete. A document without text yields zero chunks (the indexer records it as REJECTED, "no
 * text", and removes its older chunks). A document over the chunk limit is rejected.
 */
public final class DocumentEmbedder implements Function<ExtractedDocument, EmbeddedDocument> {

    /** [CLS] and [SEP] take two of the model's positions. */
    static final int SPECIAL_TOKENS = 2;

    private final Chunker chunker;
    private final EmbeddingModel model;
    private final int maxChunks;

    public DocumentEmbedder(Chunker chunker, EmbeddingModel model, int maxChunks) {
        this.chunker = Objects.requireNonNull(chunker, "chunker");
        this.model = Objects.requireNonNull(model, "model");
        this.maxChunks = maxChunks;
        int longestInput = chunker.policy().maxEmbeddingInputTokens() + SPECIAL_TOKENS;
        if (longestInput > model.maxSequenceTokens()) {
            // The model would silently drop the end of every long chunk: refuse to start instead.
            throw new IllegalArgumentException("chunks of " + chunker.policy().chunkTokens() + " tokens plus a title of up to "
                    + chunker.policy().titleMaxTokens() + " need " + longestInput + " model positions, but "
                    + model.id() + " is limited to " + model.maxSequenceTokens());
        }
    }

    /** The model whose vectors this embedder makes. */
    public String modelId() {
        return model.id();
    }

    @Override
    public EmbeddedDocument apply(ExtractedDocument extracted) {
        if (extracted.document().isDelete()) {
            return EmbeddedDocument.deletion(extracted.document(), model.id());
        }
        List<Chunk> chunks = chunker.chunk(extracted);
        if (chunks.size() > maxChunks) {
            throw new DocumentRejectedException("document " + extracted.document().id() + " v" + extracted.document().version()
                    + " has " + chunks.size() + " chunks, over the limit of " + maxChunks
                    + " (freshet.embed.max-chunks); its embedded event would not fit in one Kafka record");
        }
        List<float[]> vectors = model.embedPassages(chunks.stream().map(Chunk::embeddingInput).toList());
        List<EmbeddedChunk> embedded = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            embedded.add(new EmbeddedChunk(chunk.number(), chunk.text(), chunk.page(), chunk.origin(), vectors.get(i)));
        }
        return new EmbeddedDocument(extracted.document(), extracted.contentHash(), model.id(), embedded);
    }
}
