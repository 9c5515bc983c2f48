package io.freshet.pipeline.kafka;

import org.apache.kafka.clients.admin.AdminClient;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The one AdminClient the health checks share (the broker's and the pipeline's): created on the first check, so a
 * service starts without waiting for Kafka, and closed with the application context.
 */
public final class KafkaHealthClient implements DisposableBean {

    private final KafkaAdmin admin;
    private volatile AdminClient client;

    public KafkaHealthClient(KafkaAdmin admin) {
        this.admin = admin;
    }

    AdminClient get() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = AdminClient.create(admin.getConfigurationProperties());
                }
            }
        }
        return client;
    }

    Object bootstrapServers() {
        return admin.getConfigurationProperties().get("bootstrap.servers");
    }

    @Override
    public void destroy() {
        if (client != null) {
            client.close();
        }
    }
}
