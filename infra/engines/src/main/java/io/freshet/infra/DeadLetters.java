package io.freshet.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The dead-letter topics ({@code <topic>.dlq}) on a broker: which there are, how many records each holds, and their
 * records by position. Reads without a consumer group, so looking never moves anybody's offsets.
 */
final class DeadLetters {

    static final String SUFFIX = ".dlq";

    /** A partition's records lie at offsets {@code [beginning, end)}. */
    record Span(TopicPartition partition, long beginning, long end) {
        long records() {
            return Math.max(0, end - beginning);
        }
    }

    /** What is wrong with a request for a record, in words that say what would work. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    private final BrokerClients clients;
    private final Admin admin;
    private final Duration timeout;

    DeadLetters(BrokerClients clients, Admin admin) {
        this.clients = clients;
        this.admin = admin;
        this.timeout = clients.timeout();
    }

    /** Every dead-letter topic with its partitions' spans, by name. */
    Map<String, List<Span>> spans() throws InterruptedException, ExecutionException, TimeoutException {
        List<String> topics = ConsumerLag.get(admin.listTopics().names(), timeout).stream()
                .filter(name -> name.endsWith(SUFFIX)).sorted().toList();
        return spans(topics);
    }

    Map<String, List<Span>> spans(List<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, List<TopicPartition>> partitions = ConsumerLag.partitions(admin, topics, timeout);
        List<TopicPartition> all = partitions.values().stream().flatMap(List::stream).toList();
        Map<TopicPartition, Long> beginning = ConsumerLag.offsets(admin, all, OffsetSpec.earliest(), timeout);
        Map<TopicPartition, Long> end = ConsumerLag.offsets(admin, all, OffsetSpec.latest(), timeout);
        Map<String, List<Span>> spans = new TreeMap<>();
        partitions.forEach((topic, ofTopic) -> spans.put(topic, ofTopic.stream()
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .map(p -> new Span(p, beginning.getOrDefault(p, 0L), end.getOrDefault(p, 0L))).toList()));
        return spans;
    }

    static long records(List<Span> spans) {
        return spans.stream().mapToLong(Span::records).sum();
    }

    /** The newest {@code count} records of each partition, newest first. */
    List<ConsumerRecord<byte[], byte[]>> newest(List<Span> spans, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Span span : spans) {
            records.addAll(read(span, Math.max(span.beginning(), span.end() - count), span.end()));
        }
        records.sort(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
                .thenComparingLong(ConsumerRecord::offset).reversed());
        return records.size() > count ? records.subList(0, count) : records;
    }

    /** Every record of the partitions, oldest first within each. */
    List<ConsumerRecord<byte[], byte[]>> all(List<Span> spans) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Span span : spans) {
            records.addAll(read(span, span.beginning(), span.end()));
        }
        return records;
    }

    /** The record at {@code offset}, or {@link NotFound} saying which offsets hold records. */
    ConsumerRecord<byte[], byte[]> at(Span span, long offset) {
        String where = span.partition().topic() + " partition " + span.partition().partition();
        if (span.records() == 0) {
            throw new NotFound(where + " holds no records");
        }
        String range = "its records are at offsets " + span.beginning() + " to " + (span.end() - 1);
        if (offset >= span.end()) {
            throw new NotFound("offset " + offset + " is past the end of " + where + ": " + range);
        }
        if (offset < span.beginning()) {
            throw new NotFound("offset " + offset + " of " + where + " is no longer there (removed by retention): "
                    + range);
        }
        List<ConsumerRecord<byte[], byte[]>> found = read(span, offset, Math.min(span.end(), offset + 1));
        if (found.isEmpty() || found.get(0).offset() != offset) {
            throw new NotFound("no record at offset " + offset + " of " + where + " (an offset may hold a marker "
                    + "instead of a record); " + range);
        }
        return found.get(0);
    }

    /** The records at offsets {@code [from, to)} of one partition. */
    private List<ConsumerRecord<byte[], byte[]>> read(Span span, long from, long to) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        if (from >= to) {
            return records;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer()) {
            consumer.assign(List.of(span.partition()));
            consumer.seek(span.partition(), from);
            long deadline = System.nanoTime() + timeout.multipliedBy(2).toNanos();
            // The position passes markers too, so it reaches `to` even when the last offsets hold no record.
            while (consumer.position(span.partition()) < to) {
                if (System.nanoTime() > deadline) {
                    throw new NotFound("reading " + span.partition() + " from offset " + from + " took over "
                            + timeout.multipliedBy(2).toSeconds() + " s; is the broker at " + clients.bootstrapServers()
                            + " well?");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < to) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }
}
