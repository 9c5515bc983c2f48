package io.freshet.ingest.kafka;

import io.freshet.contract.pipeline.PoisonEventException;

/** The broker refuses the record for its size: no retry can help. */
public class RecordTooLargeForKafkaException extends PoisonEventException {

    public RecordTooLargeForKafkaException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
