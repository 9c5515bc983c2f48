package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The secured broker admits only SCRAM-authenticated clients: without credentials, or with wrong ones, nothing is read. */
class SaslKafkaFixtureTest {

    private static final String USER = "reader";
    private static final String TOPIC = "secured-topic";
    private static SaslKafkaFixture kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = SaslKafkaFixture.start(Files.createTempDirectory(Files.createDirectories(Path.of("target")), "kafka-sasl-"), USER);
        try (var producer = new KafkaProducer<>(props(kafka.clientProperties(USER, kafka.password(USER))),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, "doc-1", "restricted text")).get();
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void theRightCredentialsReadTheTopic() {
        try (var consumer = consumer(kafka.clientProperties(USER, kafka.password(USER)))) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(20)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            ConsumerRecord<String, String> record = pollOne(consumer, Duration.ofSeconds(30));
            assertEquals("restricted text", record.value());
        }
    }

    @Test
    void aClientWithoutCredentialsGetsNothing() {
        // A plaintext client's requests are not SASL handshakes: the broker drops the connection, metadata never comes.
        try (var consumer = consumer(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThrows(TimeoutException.class, () -> consumer.partitionsFor(TOPIC, Duration.ofSeconds(5)));
        }
    }

    @Test
    void aWrongPasswordIsRefusedAsSuch() {
        try (var consumer = consumer(kafka.clientProperties(USER, "not-the-password"))) {
            SaslAuthenticationException refused = assertThrows(SaslAuthenticationException.class,
                    () -> consumer.partitionsFor(TOPIC, Duration.ofSeconds(20)));
            assertTrue(refused.getMessage().contains("SCRAM-SHA-512"), refused.getMessage());
            assertTrue(!refused.getMessage().contains("not-the-password"), "the password is not echoed");
        }
    }

    private static ConsumerRecord<String, String> pollOne(KafkaConsumer<String, String> consumer, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                return record;
            }
        }
        throw new AssertionError("no record within " + wait.toSeconds() + " s");
    }

    private static KafkaConsumer<String, String> consumer(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(props(all), new StringDeserializer(), new StringDeserializer());
    }

    private static Properties props(Map<String, String> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        return properties;
    }
}
