package io.freshet.embed;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.Topics;
import io.freshet.pipeline.kafka.EventPublisher;
import io.freshet.pipeline.kafka.EventTooLargeException;

/** Embedded documents on {@link Topics#EMBEDDED}, rejections on {@link Topics#STATUS}, keyed by document id. */
class KafkaEmbedOutput implements EmbedOutput {

    private final EventPublisher publisher;

    KafkaEmbedOutput(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void embedded(EmbeddedDocument embedded) {
        try {
            publisher.publish(Topics.EMBEDDED, embedded.document().id(), embedded);
        } catch (EventTooLargeException e) {
            // Reported REJECTED like any other document this stage will not pass on, so the user sees why.
            throw new DocumentRejectedException(e.getMessage() + "; document " + embedded.document().id() + " v"
                    + embedded.document().version() + " has " + embedded.chunks().size()
                    + " chunks: lower freshet.embed.max-chunks");
        }
    }

    @Override
    public void rejected(DocumentStatus rejection) {
        publisher.publish(Topics.STATUS, rejection.id(), rejection);
    }
}
