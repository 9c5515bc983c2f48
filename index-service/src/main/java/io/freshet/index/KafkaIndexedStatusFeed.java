package io.freshet.index;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.Topics;
import io.freshet.pipeline.kafka.EventPublisher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read model on Kafka: the compacted {@link Topics#INDEXED}, keyed by document id, each record naming the model
 * whose indices recorded it ({@link Topics#MODEL_HEADER}).
 */
class KafkaIndexedStatusFeed implements IndexedStatusFeed {

    private final EventPublisher publisher;
    private final Map<String, String> headers;

    KafkaIndexedStatusFeed(EventPublisher publisher, String model) {
        this.publisher = publisher;
        this.headers = Map.of(Topics.MODEL_HEADER, model);
    }

    @Override
    public void recorded(DocumentStatus status) {
        publisher.publish(Topics.INDEXED, status.id(), status, headers);
    }

    /** Compacted by id: of a document's statuses in one batch only the last one matters. */
    @Override
    public void recordedAll(List<DocumentStatus> statuses) {
        Map<String, DocumentStatus> latest = new LinkedHashMap<>();
        statuses.forEach(status -> latest.put(status.id(), status));
        publisher.publishAll(Topics.INDEXED, latest, headers);
    }
}
