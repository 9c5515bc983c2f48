package io.freshet.embed;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.Topics;
import io.freshet.contract.failure.PoisonEventException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The read model of {@link Topics#INDEXED} in memory: every instance reads the whole compacted topic from the
 * start (no consumer group: each needs every document, whichever partitions its listener owns) and then follows
 * it. Bounded: past {@code capacity} documents the least recently used are forgotten, and a forgotten document
 * is simply embedded. Until it has read what was on the topic when it started, {@link #caughtUp()} is false.
 */
public class KafkaIndexedStatusView implements IndexedStatusView, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaIndexedStatusView.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final ConsumerFactory<String, String> consumers;
    private final EventCodec codec;
    private final Map<String, DocumentStatus> statuses;
    private volatile boolean caughtUp;
    private volatile Consumer<String, String> consumer;
    private volatile Thread reader;

    public KafkaIndexedStatusView(ConsumerFactory<String, String> consumers, EventCodec codec, int capacity) {
        this.consumers = consumers;
        this.codec = codec;
        this.statuses = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DocumentStatus> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public Optional<DocumentStatus> find(String documentId) {
        synchronized (statuses) {
            return Optional.ofNullable(statuses.get(documentId));
        }
    }

    @Override
    public boolean caughtUp() {
        return caughtUp;
    }

    /** How many documents the view holds, for the health check. */
    public int size() {
        synchronized (statuses) {
            return statuses.size();
        }
    }

    /** A status the view already knows a newer version of is older news: compaction order is per partition only. */
    void accept(DocumentStatus status) {
        synchronized (statuses) {
            DocumentStatus known = statuses.get(status.id());
            if (known == null || known.version() <= status.version()) {
                // The reason and the ACL can be long and are not needed to decide on embedding.
                statuses.put(status.id(), new DocumentStatus(status.id(), status.version(), status.state(), status.chunks(),
                        null, status.contentHash(), status.updatedAt(), null, null));
            }
        }
    }

    private void follow() {
        Properties overrides = new Properties();
        overrides.put("enable.auto.commit", "false");
        overrides.put("auto.offset.reset", "earliest");
        try (Consumer<String, String> kafka = consumers.createConsumer(null, "embed-indexed-view", null, overrides)) {
            consumer = kafka;
            List<TopicPartition> partitions = partitions(kafka);
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> startEnd = kafka.endOffsets(partitions);
            log.info("reading the read model {} ({} partitions) from the start", Topics.INDEXED, partitions.size());
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
                    read(record);
                }
                if (!caughtUp && startEnd.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    log.info("read model {} loaded: {} documents", Topics.INDEXED, size());
                }
            }
        } catch (WakeupException e) {
            // stop() woke the poll up
        } catch (RuntimeException e) {
            caughtUp = false;
            log.warn("read model {} stopped ({}); documents are embedded without change detection until restart",
                    Topics.INDEXED, e.toString());
        }
    }

    /** Waits for the topic to exist (the pipeline's topic creation may still be running). */
    private static List<TopicPartition> partitions(Consumer<String, String> kafka) {
        while (true) {
            try {
                List<PartitionInfo> infos = kafka.partitionsFor(Topics.INDEXED, Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
                log.info("waiting for topic {} to exist", Topics.INDEXED);
            } catch (TimeoutException e) {
                log.warn("cannot reach Kafka to read {} ({}); retrying", Topics.INDEXED, e.getMessage());
            }
        }
    }

    void read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            // A tombstone: the document was reset by an operator, nothing of it is indexed any more.
            synchronized (statuses) {
                statuses.remove(record.key());
            }
            return;
        }
        try {
            accept(codec.readStatus(record.value()));
        } catch (PoisonEventException e) {
            log.warn("ignoring an unreadable record at {}-{}@{} of the read model: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::follow, "indexed-status-view");
        thread.setDaemon(true);
        reader = thread;
        thread.start();
    }

    @Override
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

    @Override
    public boolean isRunning() {
        return reader != null;
    }

    /** Before the listener containers, so the view is loading by the time the first document arrives. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
