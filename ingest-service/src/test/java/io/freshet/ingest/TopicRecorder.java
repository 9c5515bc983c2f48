package io.freshet.ingest;

import io.freshet.contract.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Reads topics of the real broker from their beginning (no consumer group: it assigns itself every partition)
 * and keeps every record, so a test can wait for the ones it expects, tombstones included.
 */
final class TopicRecorder implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

    TopicRecorder(String bootstrapServers, String... topics) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_EVENT_BYTES);
        consumer = new KafkaConsumer<>(properties);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo partition : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every record seen so far that matches, in arrival order; polls until at least {@code count} match. */
    List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> matching, int count,
                                               Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumerRecord<String, String>> found = records.stream().filter(matching).toList();
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + count + " matching record(s), saw "
                        + found.size() + " among " + records.size() + ": " + found);
            }
            consumer.poll(Duration.ofMillis(250)).forEach(records::add);
        }
    }

    ConsumerRecord<String, String> awaitOne(Predicate<ConsumerRecord<String, String>> matching, Duration timeout) {
        return await(matching, 1, timeout).get(0);
    }

    /**
     * Reads every record the topics hold now (up to their current end offsets) and returns what matched: for
     * asserting that something did NOT arrive, once an event has shown that it would have arrived by now.
     */
    List<ConsumerRecord<String, String>> readToEnd(Predicate<ConsumerRecord<String, String>> matching, Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read to the end offsets " + end + " within " + timeout.toSeconds() + " s");
            }
            consumer.poll(Duration.ofMillis(250)).forEach(records::add);
        }
        return records.stream().filter(matching).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
