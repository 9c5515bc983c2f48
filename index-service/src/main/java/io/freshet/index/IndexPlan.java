package io.freshet.index;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What one event does to the index, decided by {@link IndexPlanner} before anything is written. */
public sealed interface IndexPlan {

    String documentId();

    long version();

    /** The status record written last, once the chunk writes succeeded; null for a skip. */
    default DocumentStatus status() {
        return null;
    }

    /**
     * The document's status record once this plan is carried out over {@code before}: lets a batch plan a
     * document's next event without reading back what it has not written yet.
     */
    default Optional<DocumentStatus> recordAfter(Optional<DocumentStatus> before) {
        return status() == null ? before : Optional.of(status());
    }

    /** Nothing to write. */
    record Skip(String documentId, long version, SkipReason reason, long indexedVersion) implements IndexPlan {
    }

    /**
     * The writes, in the order they are sent: chunks, then deletions of chunks the new version no longer
     * has, then the status record last, so a status never claims chunks that were not written.
     *
     * @param sweepOtherVersions the status record may not account for every chunk in the index (missing or
     *                           PENDING); the writer probes the first chunk number the plan does not cover and,
     *                           only if it exists, removes every chunk of the document whose version is not
     *                           {@link #version()}
     * @param occurredAt         when the change happened at the source (for the freshness metric), or null
     */
    record Apply(String documentId, long version, List<ChunkDocument> chunks, List<String> deletions,
                 DocumentStatus status, boolean sweepOtherVersions, Instant occurredAt) implements IndexPlan {

        public Apply {
            chunks = List.copyOf(chunks);
            deletions = List.copyOf(deletions);
        }

        /** The first chunk number neither written nor deleted by this plan: where leftovers would start. */
        public int firstChunkNotCovered() {
            return chunks.size() + deletions.size();
        }
    }

    /**
     * A new version with the text already indexed: the existing chunks keep their text and vectors and get
     * the new header fields; then the status record. Each chunk is updated only if it still holds
     * {@code contentHash}, so a chunk of other text is never relabelled as this version.
     *
     * @param chunkIds    the chunks the status record accounts for, {@code <id>#0 .. <id>#(n-1)}
     * @param fields      the header fields to set on every chunk; a null value removes the field
     * @param contentHash the hash every one of those chunks must carry
     */
    record UpdateHeaders(String documentId, long version, List<String> chunkIds, Map<String, Object> fields,
                         String contentHash, DocumentStatus status, Instant occurredAt) implements IndexPlan {

        public UpdateHeaders {
            chunkIds = List.copyOf(chunkIds);
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields)); // keeps nulls
        }
    }

    /**
     * Ingest accepted a version: the record becomes PENDING with this version, keeping its chunks and content hash,
     * but only if the recorded version is older (or there is no record yet: PENDING with no chunks). The store
     * writes it as one conditional update, so no read is needed and no race with a newer write can regress it. A new
     * record takes the version's source and ACL; an existing one keeps its own until the version is indexed, like
     * the chunks it describes.
     */
    record MarkPending(String documentId, long version, Instant updatedAt, String source, Acl acl) implements IndexPlan {

        /** The record a new document gets; an existing one is updated in place (see the store's script). */
        public DocumentStatus newRecord() {
            return new DocumentStatus(documentId, version, DocumentState.PENDING, 0, null, null, updatedAt, source, acl);
        }

        /** What the store's conditional update does, in memory: the same conditions, the same fields kept. */
        @Override
        public Optional<DocumentStatus> recordAfter(Optional<DocumentStatus> before) {
            if (before.isEmpty()) {
                return Optional.of(newRecord());
            }
            DocumentStatus record = before.get();
            String pendingSource = source == null ? "" : source;
            if (record.version() >= version || record.source() != null && !Objects.equals(record.source(), pendingSource)) {
                return before;
            }
            return Optional.of(new DocumentStatus(record.id(), version, DocumentState.PENDING, record.chunks(), null,
                    record.contentHash(), updatedAt, record.source(), record.acl()));
        }
    }

    enum SkipReason {
        /** The event is older than the version already applied. */
        STALE,
        /** The same version was already applied completely (a redelivery). */
        ALREADY_APPLIED,
        /** A verdict index-service does not record (INDEXED and DELETED are its own to decide). */
        NOT_RECORDED,
        /** A verdict about a version another source published: it says nothing about this source's document. */
        FOREIGN_SOURCE
    }
}
