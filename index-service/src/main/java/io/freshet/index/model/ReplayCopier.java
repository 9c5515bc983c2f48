package io.freshet.index.model;

import io.freshet.contract.event.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies the compacted changes topic, as it stands when the copy starts, to {@link Topics#REPLAY} for one model:
 * ingest-service extracts each change again for that model's indices alone. Changes published meanwhile reach every
 * model's indices anyway. Tombstones are left out (the DELETE event before each is copied); the copy is idempotent,
 * since the indices ignore a version they hold already.
 */
final class ReplayCopier implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ReplayCopier.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int IN_FLIGHT = 500;

    private final ConsumerFactory<String, String> consumers;
    private final KafkaTemplate<String, String> template;
    private final String model;
    private final AtomicLong copied = new AtomicLong();
    private volatile long total = -1;
    private volatile boolean done;
    private volatile String failure;

    ReplayCopier(ConsumerFactory<String, String> consumers, KafkaTemplate<String, String> template, String model) {
        this.consumers = consumers;
        this.template = template;
        this.model = model;
    }

    long copied() {
        return copied.get();
    }

    /** Records to go through (tombstones included); -1 until known. */
    long total() {
        return total;
    }

    boolean done() {
        return done;
    }

    /** Why the copy stopped, or null. */
    String failure() {
        return failure;
    }

    /**
     * Two passes: up to the end the topic had when the copy started, then up to the end it has when that is done. A
     * change published while the stages were still learning about the new model (they follow the models topic within
     * a second) may have been embedded for the other models only; the second pass replays it for this one.
     */
    @Override
    public void run() {
        Properties overrides = new Properties();
        overrides.put("enable.auto.commit", "false");
        try (Consumer<String, String> kafka = consumers.createConsumer(null, "index-replay-" + model, null, overrides)) {
            List<TopicPartition> partitions = kafka.partitionsFor(Topics.CHANGES, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            kafka.assign(partitions);
            Map<TopicPartition, Long> from = kafka.beginningOffsets(partitions);
            for (int pass = 1; pass <= 2; pass++) {
                Map<TopicPartition, Long> to = kafka.endOffsets(partitions);
                Map<TopicPartition, Long> start = from;
                long records = partitions.stream().mapToLong(p -> to.get(p) - start.get(p)).sum();
                total = (total < 0 ? 0 : total) + records;
                log.info("replaying {} records of {} for model {} (pass {} of 2)", records, Topics.CHANGES, model, pass);
                copy(kafka, partitions, from, to);
                from = to;
            }
            done = true;
            log.info("replayed {} records of {} for model {}", copied.get(), Topics.CHANGES, model);
        } catch (Exception e) {
            failure = String.valueOf(e.getMessage());
            log.error("replaying {} for model {} failed after {} records: {}; start the reindex again to redo it",
                    Topics.CHANGES, model, copied.get(), e.toString());
        }
    }

    private void copy(Consumer<String, String> kafka, List<TopicPartition> partitions, Map<TopicPartition, Long> from,
                      Map<TopicPartition, Long> to) throws Exception {
        kafka.resume(partitions);
        partitions.forEach(p -> kafka.seek(p, from.get(p)));
        byte[] header = model.getBytes(StandardCharsets.UTF_8);
        var pending = new ArrayList<CompletableFuture<?>>();
        while (!partitions.stream().allMatch(p -> kafka.position(p) >= to.get(p))) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("stopped");
            }
            for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
                if (record.offset() >= to.get(new TopicPartition(record.topic(), record.partition()))) {
                    continue; // the next pass's
                }
                copied.incrementAndGet();
                if (record.value() == null) {
                    continue;
                }
                var copy = new ProducerRecord<>(Topics.REPLAY, record.key(), record.value());
                copy.headers().add(Topics.MODEL_HEADER, header);
                pending.add(template.send(copy));
                if (pending.size() >= IN_FLIGHT) {
                    await(pending);
                }
            }
            kafka.pause(partitions.stream().filter(p -> kafka.position(p) >= to.get(p)).toList());
        }
        await(pending);
    }

    private static void await(List<CompletableFuture<?>> pending) throws Exception {
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        pending.clear();
    }
}
