package io.freshet.pipeline.kafka;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.concurrent.TimeUnit;

/** Reports DOWN when the broker cannot be reached within a few seconds; shows the cluster id and broker count. */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private static final int TIMEOUT_MS = 3_000;

    private final KafkaAdmin admin;
    private volatile AdminClient client;

    public KafkaHealthIndicator(KafkaAdmin admin) {
        super("Kafka health check failed");
        this.admin = admin;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        DescribeClusterResult cluster = client().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
        String clusterId = cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        int brokers = cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
        builder.up().withDetail("clusterId", clusterId).withDetail("brokers", brokers)
                .withDetail("bootstrapServers", admin.getConfigurationProperties().get("bootstrap.servers"));
    }

    private AdminClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = AdminClient.create(admin.getConfigurationProperties());
                }
            }
        }
        return client;
    }

    @Override
    public void destroy() {
        if (client != null) {
            client.close();
        }
    }
}
