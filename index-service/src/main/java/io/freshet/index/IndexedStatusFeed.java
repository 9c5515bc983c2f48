package io.freshet.index;

import io.freshet.contract.event.DocumentStatus;

import java.util.List;

/**
 * Where index-service says what it recorded, once the write succeeded: the read model other stages use instead of
 * reading the status index (embed-service decides "unchanged" from it). Publishing the same status twice is harmless.
 */
@FunctionalInterface
public interface IndexedStatusFeed {

    void recorded(DocumentStatus status);

    /** Several at once (a batch's): the same as one by one, in order, but may wait once for all of them. */
    default void recordedAll(List<DocumentStatus> statuses) {
        statuses.forEach(this::recorded);
    }
}
