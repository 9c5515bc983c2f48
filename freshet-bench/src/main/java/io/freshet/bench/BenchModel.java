package io.freshet.bench;

import io.freshet.embedding.EmbeddingProperties;
import io.freshet.embedding.OnnxEmbeddingModel;

/**
 * The embedding model in the bench's own JVM, configured as embed-service (threads, batch) and query-service (query
 * instruction) run it. Loaded on first use and shared, as it takes seconds and hundreds of MiB.
 */
final class BenchModel implements AutoCloseable {

    private final ServiceSettings embedSettings;
    private final ServiceSettings querySettings;
    private OnnxEmbeddingModel model;

    BenchModel(ServiceSettings embedSettings, ServiceSettings querySettings) {
        this.embedSettings = embedSettings;
        this.querySettings = querySettings;
    }

    synchronized OnnxEmbeddingModel get() {
        if (model == null) {
            EmbeddingProperties defaults = EmbeddingProperties.defaults();
            model = OnnxEmbeddingModel.bgeSmall(new EmbeddingProperties(
                    embedSettings.getInt("freshet.embedding.max-sequence-tokens", defaults.maxSequenceTokens()),
                    embedSettings.getInt("freshet.embedding.intra-op-threads", defaults.intraOpThreads()),
                    embedSettings.getInt("freshet.embedding.batch-size", defaults.batchSize()),
                    querySettings.get("freshet.embedding.query-instruction", defaults.queryInstruction())));
        }
        return model;
    }

    @Override
    public synchronized void close() {
        if (model != null) {
            model.close();
        }
    }
}
