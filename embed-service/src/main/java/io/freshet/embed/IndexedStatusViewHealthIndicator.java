package io.freshet.embed;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Shows whether change detection's read model is loaded; loading is not DOWN (documents are embedded meanwhile). */
class IndexedStatusViewHealthIndicator extends AbstractHealthIndicator {

    private final KafkaIndexedStatusView view;

    IndexedStatusViewHealthIndicator(KafkaIndexedStatusView view) {
        super("Read model check failed");
        this.view = view;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("caughtUp", view.caughtUp()).withDetail("documents", view.size());
    }
}
