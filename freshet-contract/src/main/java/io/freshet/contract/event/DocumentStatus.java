package io.freshet.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A stage's verdict on one document version, published on {@link Topics#STATUS} (for example ingest
 * rejecting an encrypted file) and kept by index-service in the status index.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentStatus(String id, long version, DocumentState state, int chunks, String reason, Instant updatedAt) {

    public static DocumentStatus rejected(DocumentHeader document, String reason, Instant at) {
        return new DocumentStatus(document.id(), document.version(), DocumentState.REJECTED, 0, reason, at);
    }
}
