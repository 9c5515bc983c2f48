package io.freshet.index;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.Topics;
import io.freshet.pipeline.kafka.EventPublisher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The read model on Kafka: the compacted {@link Topics#INDEXED}, keyed by document id. */
class KafkaIndexedStatusFeed implements IndexedStatusFeed {

    private final EventPublisher publisher;

    KafkaIndexedStatusFeed(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void recorded(DocumentStatus status) {
        publisher.publish(Topics.INDEXED, status.id(), status);
    }

    /** Compacted by id: of a document's statuses in one batch only the last one matters. */
    @Override
    public void recordedAll(List<DocumentStatus> statuses) {
        Map<String, DocumentStatus> latest = new LinkedHashMap<>();
        statuses.forEach(status -> latest.put(status.id(), status));
        publisher.publishAll(Topics.INDEXED, latest);
    }
}
