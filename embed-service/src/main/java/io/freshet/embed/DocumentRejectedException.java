package io.freshet.embed;

import io.freshet.contract.failure.PoisonEventException;

/**
 * A well-formed document that embed-service will not pass on (for example over the chunk limit). Besides
 * being dead-lettered, it is reported on the status topic, so the user sees the reason.
 */
public class DocumentRejectedException extends PoisonEventException {

    public DocumentRejectedException(String reason) {
        super(reason);
    }
}
