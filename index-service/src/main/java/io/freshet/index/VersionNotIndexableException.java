package io.freshet.index;

import io.freshet.contract.failure.PoisonEventException;

/**
 * A document version that cannot be indexed although the event is well-formed: OpenSearch refused one of
 * its writes, or it claims text the index no longer holds. Unlike other poison, the index may already be
 * partly changed, so the document is recorded as REJECTED with this reason and its chunks are removed
 * (no answer from a half-written or mislabelled document) before the event is dead-lettered.
 */
public class VersionNotIndexableException extends PoisonEventException {

    public VersionNotIndexableException(String reason) {
        super(reason);
    }
}
