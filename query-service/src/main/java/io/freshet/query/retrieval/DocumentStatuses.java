package io.freshet.query.retrieval;

import io.freshet.contract.event.DocumentStatus;

import java.util.Optional;

/** The status port: where a document stands in the pipeline, as index-service recorded it. */
@FunctionalInterface
public interface DocumentStatuses {

    Optional<DocumentStatus> find(String documentId);
}
