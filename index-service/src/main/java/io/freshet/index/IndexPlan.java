package io.freshet.index;

import java.time.Instant;
import java.util.List;

/** What one event does to the index, decided by {@link IndexPlanner} before anything is written. */
public sealed interface IndexPlan {

    String documentId();

    long version();

    /** Nothing to write. */
    record Skip(String documentId, long version, SkipReason reason, long indexedVersion) implements IndexPlan {
    }

    /**
     * The writes, in the order they are sent: chunks, then deletions of chunks the new version no longer
     * has, then the status record last, so a status never claims chunks that were not written.
     *
     * @param sweepOtherVersions the status record was missing or inconsistent, so the chunk index may hold
     *                           chunks the record does not account for; the writer looks for them and
     *                           removes every chunk of the document whose version is not {@link #version()}
     * @param occurredAt         when the change happened at the source (for the freshness metric), or null
     */
    record Apply(String documentId, long version, List<ChunkDocument> chunks, List<String> deletions,
                 StatusRecord status, boolean sweepOtherVersions, Instant occurredAt) implements IndexPlan {

        public Apply {
            chunks = List.copyOf(chunks);
            deletions = List.copyOf(deletions);
        }
    }

    enum SkipReason {
        /** The event is older than the version already applied. */
        STALE,
        /** The same version was already applied completely (a redelivery). */
        ALREADY_APPLIED,
        /** A non-rejection status verdict: index-service records only rejections. */
        NOT_A_REJECTION
    }
}
