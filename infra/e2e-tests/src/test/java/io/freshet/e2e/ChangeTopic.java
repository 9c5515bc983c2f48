package io.freshet.e2e;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Publishes straight onto the changes topic, as a Kafka-speaking connector does, and reads dead letters. */
final class ChangeTopic implements AutoCloseable {

    static final String CHANGES = "freshet.documents.changes";
    static final String CHANGES_DLQ = CHANGES + ".dlq";
    /** Partitions of the pipeline topics (freshet.kafka.partitions default). */
    static final int PARTITIONS = 6;

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    ChangeTopic(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    void publish(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(CHANGES, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + key, e);
        }
    }

    /** A fresh key that lands on the same partition as {@code key}: processed after it, at every stage. */
    static String keyOnSamePartitionAs(String key, String prefix) {
        int partition = partitionOf(key);
        while (true) {
            String candidate = prefix + "-" + UUID.randomUUID();
            if (partitionOf(candidate) == partition) {
                return candidate;
            }
        }
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    /** Dead letters whose key is {@code key}, with their headers, waiting up to {@code timeout}. */
    List<ConsumerRecord<String, String>> deadLetters(String key, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-dlq-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(CHANGES_DLQ));
            Instant deadline = Instant.now().plus(timeout);
            while (found.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /** How many records of the given keys every dead-letter topic of the pipeline holds right now. */
    long deadLetterCount(java.util.Set<String> keys) {
        return read(DEAD_LETTER_TOPICS, keys::contains).size();
    }

    /** The records of the changes topic whose key matches, as it holds them right now (tombstones too). */
    List<ConsumerRecord<String, String>> changes(java.util.function.Predicate<String> key) {
        return read(List.of(CHANGES), key);
    }

    private List<ConsumerRecord<String, String>> read(List<String> topics, java.util.function.Predicate<String> key) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(17 * 1024 * 1024));
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new org.apache.kafka.common.TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)
                    && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && key.test(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    private static final List<String> DEAD_LETTER_TOPICS = List.of(CHANGES_DLQ, "freshet.documents.extracted.dlq",
            "freshet.documents.embedded.dlq", "freshet.documents.status.dlq");

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
