package io.freshet.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * Where one document stands: the one status type of the pipeline. A stage's verdict travels as this on
 * {@link Topics#STATUS} (ingest: PENDING, a REJECTED file); index-service keeps it in the status index and
 * publishes what it recorded on {@link Topics#INDEXED}; query-service answers GET /v1/documents/{id} with it.
 *
 * @param version     the last version recorded
 * @param chunks      chunks the chunk index holds for the document (0 once deleted or rejected; a PENDING record
 *                    keeps the count of the version before it, which is still what the index holds)
 * @param reason      why the document is not searchable (REJECTED), else null
 * @param contentHash SHA-256 of the text those chunks hold, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentStatus(String id, long version, DocumentState state, int chunks, String reason, String contentHash,
                             Instant updatedAt) {

    public static DocumentStatus rejected(DocumentHeader document, String reason, Instant at) {
        return new DocumentStatus(document.id(), document.version(), DocumentState.REJECTED, 0, reason, null, at);
    }

    /** An upsert accepted by ingest and on its way; index-service keeps only a newer version's. */
    public static DocumentStatus pending(DocumentHeader document, Instant at) {
        return new DocumentStatus(document.id(), document.version(), DocumentState.PENDING, 0, null, null, at);
    }

    /**
     * True when the chunk index holds chunks of exactly this text: INDEXED, or PENDING, which keeps the chunks and
     * hash of the version before it. embed-service skips embedding on it and index-service relabels on it: one rule.
     */
    public boolean holdsText(String hash) {
        return hash != null && hash.equals(contentHash) && chunks > 0
                && (state == DocumentState.INDEXED || state == DocumentState.PENDING);
    }
}
