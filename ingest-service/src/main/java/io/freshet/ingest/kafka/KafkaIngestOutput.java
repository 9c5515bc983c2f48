package io.freshet.ingest.kafka;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.ExtractedDocument;
import io.freshet.contract.event.Topics;
import io.freshet.ingest.change.IngestOutput;
import io.freshet.pipeline.kafka.EventPublisher;

/** Verdicts on {@link Topics#STATUS}, extracted documents on {@link Topics#EXTRACTED}, keyed by document id. */
public class KafkaIngestOutput implements IngestOutput {

    private final EventPublisher publisher;

    public KafkaIngestOutput(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void status(DocumentStatus status) {
        publisher.publish(Topics.STATUS, status.id(), status);
    }

    @Override
    public void extracted(ExtractedDocument extracted) {
        publisher.publish(Topics.EXTRACTED, extracted.document().id(), extracted);
    }
}
