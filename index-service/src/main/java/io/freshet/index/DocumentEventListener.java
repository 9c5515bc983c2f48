package io.freshet.index;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.Topics;
import io.freshet.contract.failure.PoisonEventException;
import io.freshet.contract.index.ChunkIndex;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Consumes embedded documents and pipeline verdicts, a poll's worth at a time. Both topics are keyed by document id and
 * have the same partition count, and one listener subscribes to both with the range assignor, so partition p of each
 * goes to the same consumer: all writes for one document happen on one thread, in order, and a rejection cannot race
 * an upsert of the same document.
 *
 * <p>Commit points (as a Kafka Connect sink's): a batch that fails names its first record not applied
 * ({@link BatchListenerFailedException}); the error handler commits the records before it, retries or dead-letters
 * that one by its failure (transient: retried for as long as it lasts; poison: dead-lettered with the reason), and
 * delivers the rest again.
 */
@Component
class DocumentEventListener {

    private static final Logger log = LoggerFactory.getLogger(DocumentEventListener.class);
    private static final String LISTENER_ID = "index-writer";

    private final DocumentIndexer indexer;
    private final IndexBootstrap bootstrap;
    private final EventCodec codec;
    private final IndexProperties properties;
    private final OpenSearchIndexStore store;
    private final RefreshPacer pacer;
    private final Clock clock;
    private final ObservationRegistry observations;

    DocumentEventListener(DocumentIndexer indexer, IndexBootstrap bootstrap, EventCodec codec, IndexProperties properties,
                          OpenSearchIndexStore store, Clock clock, ObservationRegistry observations) {
        this.indexer = indexer;
        this.bootstrap = bootstrap;
        this.codec = codec;
        this.properties = properties;
        this.store = store;
        this.clock = clock;
        this.observations = observations;
        this.pacer = new RefreshPacer(ChunkIndex.REFRESH_INTERVAL, properties.loadRefreshInterval(), properties.loadPollEvents(),
                properties.loadEventAge());
    }

    /** Read by the annotation below ({@code __listener} is this bean): the setting's default lives in IndexProperties only. */
    public IndexProperties getProperties() {
        return properties;
    }

    @KafkaListener(id = LISTENER_ID, groupId = "#{__listener.properties.consumerGroup()}",
            topics = {Topics.EMBEDDED, Topics.STATUS}, concurrency = "#{__listener.properties.concurrency()}",
            batch = "true", properties = "max.poll.records=#{__listener.properties.maxBatchEvents()}")
    void onEvents(List<ConsumerRecord<String, String>> records) {
        try {
            bootstrap.requireReady();
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException(e.getMessage(), e, 0);
        }
        RecordTraces traces = RecordTraces.start(records, observations, LISTENER_ID);
        int failedIndex = -1;
        RuntimeException failure = null;
        try {
            var events = new ArrayList<IndexEvent>(records.size());
            RuntimeException poison = null;
            for (ConsumerRecord<String, String> record : records) {
                try {
                    events.add(decode(record));
                } catch (RuntimeException e) {
                    poison = e; // the events before it are applied first: their offsets are committed with the batch's
                    break;
                }
            }
            try {
                indexer.indexAll(events, traces);
            } catch (IndexingFailure e) {
                failedIndex = e.eventIndex();
                failure = e.getCause();
                throw new BatchListenerFailedException(e.getMessage(), e.getCause(), e.eventIndex());
            }
            if (poison != null) {
                failedIndex = events.size();
                failure = poison;
                throw new BatchListenerFailedException(poison.getMessage(), poison, events.size());
            }
            pacer.afterPoll(records.size(), oldestAge(events)).ifPresent(this::setRefreshInterval);
        } finally {
            traces.stop(failedIndex, failure);
        }
    }

    /** A moment without events (spring.kafka.listener.idle-event-interval): whatever was behind has caught up. */
    @EventListener(condition = "event.listenerId.startsWith('index-writer')")
    void onIdle(ListenerContainerIdleEvent event) {
        pacer.afterIdle().ifPresent(this::setRefreshInterval);
    }

    /** How long ago the oldest document change of the poll happened at its source; empty when none says. */
    private Optional<Duration> oldestAge(List<IndexEvent> events) {
        Instant now = clock.instant();
        Duration oldest = null;
        for (IndexEvent event : events) {
            if (event instanceof IndexEvent.Embedded embedded && embedded.event().document().occurredAt() != null) {
                Duration age = Duration.between(embedded.event().document().occurredAt(), now);
                oldest = oldest == null || age.compareTo(oldest) > 0 ? age : oldest;
            }
        }
        return Optional.ofNullable(oldest);
    }

    /** The writes are done: a failure here only leaves the interval as it was, to be set again after the next poll. */
    private void setRefreshInterval(Duration interval) {
        try {
            store.setChunkRefreshInterval(interval, pacer.isNormal(interval));
            log.info("chunk index refresh interval set to {} ({})", interval,
                    pacer.isNormal(interval) ? "caught up" : "working off a backlog");
        } catch (RuntimeException e) {
            pacer.failed();
            log.warn("could not set the chunk index refresh interval to {}: {}", interval, e.getMessage());
        }
    }

    private IndexEvent decode(ConsumerRecord<String, String> record) {
        if (Topics.EMBEDDED.equals(record.topic())) {
            EmbeddedDocument event = codec.readEmbedded(record.value());
            requireKeyMatches(record, event.document().id());
            return new IndexEvent.Embedded(event);
        }
        DocumentStatus verdict = codec.readStatus(record.value());
        requireKeyMatches(record, verdict.id());
        return new IndexEvent.Verdict(verdict);
    }

    /** Ordering per document relies on the key being the document id; a record keyed otherwise could overtake. */
    private static void requireKeyMatches(ConsumerRecord<String, String> record, String documentId) {
        if (record.key() != null && !record.key().equals(documentId)) {
            throw new PoisonEventException("record key '" + record.key() + "' is not the document id '" + documentId
                    + "': events must be keyed by document id to stay in order");
        }
    }
}
