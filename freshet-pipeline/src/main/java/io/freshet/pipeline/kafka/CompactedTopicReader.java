package io.freshet.pipeline.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads a compacted topic from its start and then follows it, on a thread of its own and without a consumer group:
 * every instance of a service builds the same state from all partitions (a read model, the models the pipeline keeps).
 * {@link #caughtUp()} once it has read what was there when it started.
 */
public final class CompactedTopicReader {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final ConsumerFactory<String, String> consumers;
    private final String topic;
    private final String clientId;
    private final java.util.function.Consumer<ConsumerRecord<String, String>> handler;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private volatile boolean caughtUp;
    private volatile Consumer<String, String> consumer;
    private volatile Thread reader;

    public CompactedTopicReader(ConsumerFactory<String, String> consumers, String topic, String clientId,
                                java.util.function.Consumer<ConsumerRecord<String, String>> handler) {
        this.consumers = consumers;
        this.topic = topic;
        this.clientId = clientId;
        this.handler = handler;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /** Waits until what the topic held at start has been read; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void start() {
        Thread thread = new Thread(this::follow, clientId);
        thread.setDaemon(true);
        reader = thread;
        thread.start();
    }

    public void stop() {
        Thread thread = reader;
        reader = null;
        if (thread != null) {
            Consumer<String, String> kafka = consumer;
            if (kafka != null) {
                kafka.wakeup();
            }
            thread.interrupt();
        }
    }

    public boolean isRunning() {
        return reader != null;
    }

    private void follow() {
        Properties overrides = new Properties();
        overrides.put("enable.auto.commit", "false");
        overrides.put("auto.offset.reset", "earliest");
        try (Consumer<String, String> kafka = consumers.createConsumer(null, clientId, null, overrides)) {
            consumer = kafka;
            List<TopicPartition> partitions = partitions(kafka);
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> startEnd = kafka.endOffsets(partitions);
            log.info("reading {} ({} partitions) from the start", topic, partitions.size());
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
                    handler.accept(record);
                }
                if (!caughtUp && startEnd.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    loaded.countDown();
                    log.info("{} read up to where it was at start", topic);
                }
            }
        } catch (WakeupException e) {
            // stop() woke the poll up
        } catch (RuntimeException e) {
            caughtUp = false;
            log.warn("reading {} stopped ({}); restart the service to read it again", topic, e.toString());
        }
    }

    /** Waits for the topic to exist (the pipeline's topic creation may still be running). */
    private List<TopicPartition> partitions(Consumer<String, String> kafka) {
        while (true) {
            try {
                List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
                log.info("waiting for topic {} to exist", topic);
            } catch (TimeoutException e) {
                log.warn("cannot reach Kafka to read {} ({}); retrying", topic, e.getMessage());
            }
        }
    }
}
