package io.freshet.embedding;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports which model this instance embeds with: an operator comparing two services (or a service and
 * the index) can see at once whether their vectors share a space.
 */
public class EmbeddingModelHealthIndicator extends AbstractHealthIndicator {

    private final EmbeddingModel model;

    public EmbeddingModelHealthIndicator(EmbeddingModel model) {
        super("Embedding model health check failed");
        this.model = model;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up()
                .withDetail("model", model.id())
                .withDetail("dimensions", model.dimensions())
                .withDetail("maxSequenceTokens", model.maxSequenceTokens());
        if (model instanceof OnnxEmbeddingModel onnx) {
            builder.withDetail("intraOpThreads", onnx.properties().intraOpThreads())
                    .withDetail("batchSize", onnx.properties().batchSize());
        }
    }
}
