package io.freshet.embed;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.Topics;
import io.freshet.contract.failure.PoisonEventException;
import io.freshet.contract.index.ModelCatalog;
import io.freshet.pipeline.kafka.CompactedTopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read model of {@link Topics#INDEXED} in memory: every instance reads the whole compacted topic from the
 * start (no consumer group: each needs every document, whichever partitions its listener owns) and then follows
 * it. Bounded: past {@code capacity} documents the least recently used are forgotten, and a forgotten document
 * is simply embedded. Until it has read what was on the topic when it started, {@link #caughtUp()} is false.
 */
public class KafkaIndexedStatusView implements IndexedStatusView, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaIndexedStatusView.class);

    private final EventCodec codec;
    /** By model and document: each model's indices hold their own record of a document. */
    private final Map<String, DocumentStatus> statuses;
    private final Set<String> models = ConcurrentHashMap.newKeySet();
    private final CompactedTopicReader reader;

    public KafkaIndexedStatusView(ConsumerFactory<String, String> consumers, EventCodec codec, int capacity) {
        this.codec = codec;
        this.statuses = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DocumentStatus> eldest) {
                return size() > capacity;
            }
        };
        this.reader = new CompactedTopicReader(consumers, Topics.INDEXED, "embed-indexed-view", this::read);
    }

    @Override
    public Optional<DocumentStatus> find(String documentId) {
        return find(ModelCatalog.DEFAULT_ID, documentId);
    }

    @Override
    public Optional<DocumentStatus> find(String model, String documentId) {
        synchronized (statuses) {
            return Optional.ofNullable(statuses.get(key(model, documentId)));
        }
    }

    @Override
    public boolean caughtUp() {
        return reader.caughtUp();
    }

    /** How many documents the view holds, for the health check. */
    public int size() {
        synchronized (statuses) {
            return statuses.size();
        }
    }

    void accept(DocumentStatus status) {
        accept(ModelCatalog.DEFAULT_ID, status);
    }

    /** A status the view already knows a newer version of is older news: compaction order is per partition only. */
    void accept(String model, DocumentStatus status) {
        models.add(model);
        String key = key(model, status.id());
        synchronized (statuses) {
            DocumentStatus known = statuses.get(key);
            if (known == null || known.version() <= status.version()) {
                // The reason and the ACL can be long and are not needed to decide on embedding.
                statuses.put(key, new DocumentStatus(status.id(), status.version(), status.state(), status.chunks(),
                        null, status.contentHash(), status.updatedAt(), null, null));
            }
        }
    }

    void read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            // A tombstone: the document was reset by an operator, nothing of it is indexed any more, in any model's indices.
            synchronized (statuses) {
                models.forEach(model -> statuses.remove(key(model, record.key())));
            }
            return;
        }
        try {
            // Records from before model changes name no model: the one model there was.
            Header model = record.headers().lastHeader(Topics.MODEL_HEADER);
            accept(model == null ? ModelCatalog.DEFAULT_ID : new String(model.value(), StandardCharsets.UTF_8),
                    codec.readStatus(record.value()));
        } catch (PoisonEventException e) {
            log.warn("ignoring an unreadable record at {}-{}@{} of the read model: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private static String key(String model, String documentId) {
        return model + '\u0000' + documentId;
    }

    @Override
    public void start() {
        reader.start();
    }

    @Override
    public void stop() {
        reader.stop();
    }

    @Override
    public boolean isRunning() {
        return reader.isRunning();
    }

    /** Before the listener containers, so the view is loading by the time the first document arrives. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
