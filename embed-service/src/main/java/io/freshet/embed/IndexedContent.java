package io.freshet.embed;

import io.freshet.contract.event.DocumentState;

/**
 * What the status index records for a document: the last version index-service saw, its state, and the
 * chunks and content hash of the text the chunk index holds for it.
 */
public record IndexedContent(long version, DocumentState state, int chunks, String contentHash) {

    /**
     * True when the chunk index holds chunks of exactly this text: INDEXED, or PENDING, which keeps the chunks
     * and hash of the version before it (index-service's IndexPlanner applies the same rule before relabelling).
     */
    public boolean holds(String hash) {
        return hash != null && hash.equals(contentHash) && chunks > 0
                && (state == DocumentState.INDEXED || state == DocumentState.PENDING);
    }
}
