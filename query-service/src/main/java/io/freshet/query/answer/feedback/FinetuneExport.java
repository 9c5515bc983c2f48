package io.freshet.query.answer.feedback;

import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code ./freshet export-finetune --out FILE [--bootstrap-servers HOST:PORT]}: reads the feedback topic from its
 * beginning to its current end (no consumer group: nothing is committed, anyone may export again) and writes the
 * fine-tuning set ({@link FinetuneSet}). Runs from query-service's jar with Boot's PropertiesLauncher.
 */
public final class FinetuneExport {

    private FinetuneExport() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        String out = options.get("--out");
        if (out == null) {
            System.err.println("usage: export-finetune --out FILE [--bootstrap-servers HOST:PORT] (default 127.0.0.1:9092)");
            System.exit(2);
        }
        FinetuneSet.Tally tally = export(options.getOrDefault("--bootstrap-servers", "127.0.0.1:9092"), Topics.FEEDBACK,
                Path.of(out), Duration.ofSeconds(30));
        System.out.printf("Wrote %d examples to %s (left out: %d not approved, %d without sources)%n", tally.examples(), out,
                tally.notApproved(), tally.withoutSources());
    }

    public static FinetuneSet.Tally export(String bootstrapServers, String topic, Path out, Duration timeout) throws IOException {
        var properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(Topics.MAX_EVENT_BYTES));
        var set = new FinetuneSet();
        var codec = new EventCodec();
        try (var consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("could not read " + topic + " to its end within " + timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        set.add(codec.readFeedback(record.value()));
                    }
                }
            }
        }
        Files.write(out, set.lines(), StandardCharsets.UTF_8);
        return set.tally();
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static Map<String, String> options(String[] args) {
        var options = new java.util.HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
