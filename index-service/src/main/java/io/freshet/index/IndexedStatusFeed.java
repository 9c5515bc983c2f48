package io.freshet.index;

import io.freshet.contract.event.DocumentStatus;

/**
 * Where index-service says what it recorded, once the write succeeded: the read model other stages use instead of
 * reading the status index (embed-service decides "unchanged" from it). Publishing the same status twice is harmless.
 */
@FunctionalInterface
public interface IndexedStatusFeed {

    void recorded(DocumentStatus status);
}
