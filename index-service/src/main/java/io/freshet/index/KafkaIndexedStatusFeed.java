package io.freshet.index;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.Topics;
import io.freshet.pipeline.kafka.EventPublisher;

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
}
