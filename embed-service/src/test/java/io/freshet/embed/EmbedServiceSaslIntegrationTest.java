package io.freshet.embed;

import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.ExtractedDocument;
import io.freshet.contract.event.Operation;
import io.freshet.contract.event.TextSection;
import io.freshet.contract.event.Topics;
import io.freshet.infra.SaslKafkaFixture;
import io.freshet.pipeline.kafka.EventPublisher;
import io.freshet.pipeline.kafka.KafkaHealthIndicator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * embed-service against a broker that demands SASL/SCRAM-SHA-512, configured only through Spring Boot's own
 * properties (spring.kafka.security.protocol, spring.kafka.properties.sasl.*): topic creation (the admin), the
 * listener's consumer, the publisher's producer, the read model's hand-made consumer and the health check all
 * authenticate, or nothing below would arrive.
 */
@SpringBootTest(properties = {
        "freshet.embed.consumer-group=embed-service-sasl-it",
        "freshet.embed.listener-concurrency=1",
        "freshet.kafka.transient-retry-start=200ms"})
class EmbedServiceSaslIntegrationTest {

    private static final String SERVICE_USER = "embed-service";
    private static final String TEST_USER = "test-client";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static SaslKafkaFixture kafka;

    @DynamicPropertySource
    static void securedBroker(DynamicPropertyRegistry registry) {
        broker().springProperties(SERVICE_USER).forEach((name, value) -> registry.add(name, () -> value));
    }

    /** Stopped by its shutdown hook, not after the class: the cached Spring context outlives it and would retry. */
    private static synchronized SaslKafkaFixture broker() {
        if (kafka == null) {
            try {
                Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "kafka-sasl-");
                kafka = SaslKafkaFixture.start(home, SERVICE_USER, TEST_USER);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return kafka;
    }

    @Autowired
    EventPublisher publisher;
    @Autowired
    KafkaIndexedStatusView view;
    @Autowired
    KafkaHealthIndicator kafkaHealth;

    private final EventCodec codec = new EventCodec();

    @Test
    void aDocumentGoesThroughTheSecuredBroker() throws Exception {
        String id = "sasl-" + UUID.randomUUID();
        try (KafkaConsumer<String, String> embedded = reader(Topics.EMBEDDED)) {
            // The service's own producer (EventPublisher) and its listener's consumer, both authenticated.
            publisher.publish(Topics.EXTRACTED, id, new ExtractedDocument(header(id), "sha-sasl",
                    List.of(TextSection.of("The levee report is restricted to the engineering group."))));
            ConsumerRecord<String, String> record = awaitKey(embedded, id);
            EmbeddedDocument document = codec.readEmbedded(record.value());
            assertThat(document.chunks()).singleElement().satisfies(chunk -> assertThat(chunk.vector()).hasSize(384));
        }
    }

    @Test
    void theReadModelFollowsTheSecuredTopic() {
        String id = "sasl-view-" + UUID.randomUUID();
        publisher.publish(Topics.INDEXED, id, new DocumentStatus(id, 3, DocumentState.INDEXED, 1, null, "sha-v",
                Instant.parse("2026-12-02T12:00:00Z")));
        Awaitility.await().atMost(WAIT).until(() -> view.find(id).isPresent());
        assertThat(view.caughtUp()).isTrue();
    }

    @Test
    void topicsWereCreatedByTheServiceAndTheHealthCheckAuthenticates() throws Exception {
        Health health = kafkaHealth.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("brokers", 1);

        // Compacted: created by the service's admin with the pipeline's settings, not auto-created by a producer.
        try (Admin admin = Admin.create(new HashMap<String, Object>(kafka.clientProperties(TEST_USER, kafka.password(TEST_USER))))) {
            ConfigResource indexed = new ConfigResource(ConfigResource.Type.TOPIC, Topics.INDEXED);
            Config config = admin.describeConfigs(List.of(indexed)).all().get(20, TimeUnit.SECONDS).get(indexed);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    private static DocumentHeader header(String id) {
        return new DocumentHeader(id, "it", 1, Operation.UPSERT, "Levee report", "https://example.org/" + id,
                "text/plain", Map.of(), null, Instant.parse("2026-12-02T12:00:00Z"));
    }

    private static KafkaConsumer<String, String> reader(String topic) {
        Properties props = new Properties();
        props.putAll(kafka.clientProperties(TEST_USER, kafka.password(TEST_USER)));
        props.put("group.id", "embed-sasl-reader-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("max.partition.fetch.bytes", Topics.MAX_EVENT_BYTES);
        var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static ConsumerRecord<String, String> awaitKey(KafkaConsumer<String, String> consumer, String key) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (key.equals(record.key())) {
                    return record;
                }
            }
        }
        throw new AssertionError("no record keyed " + key + " within " + WAIT.toSeconds() + " s");
    }
}
