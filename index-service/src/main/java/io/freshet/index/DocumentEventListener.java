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

    private final IndexLanes lanes;
    private final EventCodec codec;
    private final IndexProperties properties;
    private final RefreshPacer pacer;
    private final Clock clock;
    private final ObservationRegistry observations;

    DocumentEventListener(IndexLanes lanes, EventCodec codec, IndexProperties properties, Clock clock,
                          ObservationRegistry observations) {
        this.lanes = lanes;
        this.codec = codec;
        this.properties = properties;
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
        List<IndexLane> kept;
        try {
            kept = lanes.kept();
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException(e.getMessage(), e, 0);
        }
        RecordTraces traces = RecordTraces.start(records, observations, LISTENER_ID);
        BatchFailure failure = null;
        try {
            var events = new ArrayList<IndexEvent>(records.size());
            RuntimeException poison = null;
            int decoded = 0;
            for (ConsumerRecord<String, String> record : records) {
                try {
                    events.add(decode(record));
                    decoded++;
                } catch (RuntimeException e) {
                    poison = e; // the events before it are applied first: their offsets are committed with the batch's
                    break;
                }
            }
            failure = applyToLanes(events, kept, traces);
            if (failure == null && poison != null) {
                failure = new BatchFailure(decoded, poison);
            }
            if (failure != null) {
                throw new BatchListenerFailedException(failure.cause().getMessage(), failure.cause(), failure.index());
            }
            pacer.afterPoll(records.size(), oldestAge(events)).ifPresent(this::setRefreshInterval);
        } finally {
            traces.stop(failure == null ? -1 : failure.index(), failure == null ? null : failure.cause());
        }
    }

    /** The first event of a batch not applied, and why. */
    private record BatchFailure(int index, RuntimeException cause) {
    }

    /**
     * Each lane gets its events in order: an embedded document its model's lane, a verdict every kept lane. Every lane
     * goes as far as it can; the batch then fails at the earliest event a lane could not apply, and what comes after it
     * is delivered again to all lanes, which recognise what they applied already.
     */
    private BatchFailure applyToLanes(List<IndexEvent> events, List<IndexLane> kept, RecordTraces traces) {
        var byLane = new java.util.LinkedHashMap<IndexLane, List<Integer>>();
        kept.forEach(lane -> byLane.put(lane, new ArrayList<>()));
        BatchFailure failure = null;
        for (int i = 0; i < events.size(); i++) {
            IndexEvent event = events.get(i);
            if (event instanceof IndexEvent.Embedded embedded) {
                try {
                    byLane.computeIfAbsent(lanes.lane(embedded.event().model()), lane -> new ArrayList<>()).add(i);
                } catch (RuntimeException e) {
                    failure = new BatchFailure(i, e);
                    break;
                }
            } else {
                for (List<Integer> positions : byLane.values()) {
                    positions.add(i);
                }
            }
        }
        for (var entry : byLane.entrySet()) {
            List<Integer> positions = entry.getValue();
            List<IndexEvent> laneEvents = positions.stream().map(events::get).toList();
            try {
                entry.getKey().indexer().indexAll(laneEvents, index -> traces.open(positions.get(index)));
            } catch (IndexingFailure e) {
                int at = positions.get(e.eventIndex());
                if (failure == null || at < failure.index()) {
                    failure = new BatchFailure(at, e.getCause());
                }
            }
        }
        return failure;
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
            for (IndexLane lane : lanes.all()) {
                lane.store().setChunkRefreshInterval(interval, pacer.isNormal(interval));
            }
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
