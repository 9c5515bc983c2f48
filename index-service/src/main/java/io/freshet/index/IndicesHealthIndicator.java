package io.freshet.index;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** DOWN until the chunk and status indices exist with the expected vector size. */
class IndicesHealthIndicator extends AbstractHealthIndicator {

    private final IndexBootstrap bootstrap;

    IndicesHealthIndicator(IndexBootstrap bootstrap) {
        super("Index check failed");
        this.bootstrap = bootstrap;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (bootstrap.isReady()) {
            builder.up();
        } else {
            builder.down().withDetail("reason", bootstrap.problem());
        }
    }
}
