package io.freshet.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Set;

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
 * @param source      the source that published the document (a connector's), null if unknown
 * @param acl         who may read the document, and so its status: query-service answers 404 to anyone else. Null
 *                    (a record written before statuses carried it) means nobody
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentStatus(String id, long version, DocumentState state, int chunks, String reason, String contentHash,
                             Instant updatedAt, String source, Acl acl) {

    /** A record that says nothing about its source and readers: nobody may see it through query-service. */
    public DocumentStatus(String id, long version, DocumentState state, int chunks, String reason, String contentHash,
                          Instant updatedAt) {
        this(id, version, state, chunks, reason, contentHash, updatedAt, null, null);
    }

    public static DocumentStatus rejected(DocumentHeader document, String reason, Instant at) {
        return new DocumentStatus(document.id(), document.version(), DocumentState.REJECTED, 0, reason, null, at,
                document.source(), document.acl());
    }

    /** An upsert accepted by ingest and on its way; index-service keeps only a newer version's. */
    public static DocumentStatus pending(DocumentHeader document, Instant at) {
        return new DocumentStatus(document.id(), document.version(), DocumentState.PENDING, 0, null, null, at,
                document.source(), document.acl());
    }

    /** The record with whatever it says about who may read it left out: what a reader of the status is shown. */
    public DocumentStatus withoutAcl() {
        return new DocumentStatus(id, version, state, chunks, reason, contentHash, updatedAt, source, null);
    }

    /**
     * True when the document was published by another source than {@code source}: a document belongs to the source
     * that published it (each source numbers its own versions), so another source's events for its id do not count.
     * A record without a source (written before records carried one) belongs to nobody in particular.
     */
    public boolean belongsToAnotherSource(String source) {
        return this.source != null && !this.source.equals(source);
    }

    /** True when a caller holding {@code principals} may see this record; a record without an ACL: nobody. */
    public boolean readableBy(Set<String> principals) {
        return acl != null && acl.permits(principals);
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
