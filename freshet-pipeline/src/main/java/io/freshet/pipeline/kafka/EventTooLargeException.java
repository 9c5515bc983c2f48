package io.freshet.pipeline.kafka;

import io.freshet.contract.failure.PoisonEventException;

/** Kafka will never take this event: it is over the message size limit. Retrying cannot help. */
public class EventTooLargeException extends PoisonEventException {

    public EventTooLargeException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
