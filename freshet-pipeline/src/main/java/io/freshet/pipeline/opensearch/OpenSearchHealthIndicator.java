package io.freshet.pipeline.opensearch;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.HealthStatus;
import org.opensearch.client.opensearch.cluster.HealthResponse;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** UP while the cluster answers and is not red; DOWN with a readable reason when it refuses our credentials or TLS. */
public class OpenSearchHealthIndicator extends AbstractHealthIndicator {

    private final OpenSearchClient client;
    private final OpenSearchProperties properties;

    public OpenSearchHealthIndicator(OpenSearchClient client, OpenSearchProperties properties) {
        super("OpenSearch health check failed");
        this.client = client;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        HealthResponse health;
        try {
            health = client.cluster().health();
        } catch (Exception e) {
            var reason = OpenSearchFailures.securityReason(e, properties);
            if (reason.isEmpty()) {
                throw e;
            }
            // A reason, not the stack trace: a wrong password or an untrusted CA is a setting to fix.
            builder.down().withDetail("url", properties.url().toString()).withDetail("reason", reason.get());
            return;
        }
        builder.status(health.status() == HealthStatus.Red ? "DOWN" : "UP")
                .withDetail("url", properties.url().toString())
                .withDetail("cluster", health.clusterName())
                .withDetail("status", health.status().jsonValue())
                .withDetail("nodes", health.numberOfNodes());
    }
}
