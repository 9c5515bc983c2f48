package io.freshet.index;

import io.freshet.contract.event.Topics;
import io.freshet.pipeline.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator's reset of one document: {@code DELETE /actuator/documents/{id}} on index-service's port (internal;
 * docs/operations.md). Removes its chunks and its status record, and forgets it in the read model (a tombstone on
 * {@link Topics#INDEXED}), so the next event for the id, of any source and any version, starts it afresh. For an id
 * another source must take over, or a source that must number its versions again; nothing else needs it.
 */
@Endpoint(id = "documents")
class DocumentResetEndpoint {

    private static final Logger log = LoggerFactory.getLogger(DocumentResetEndpoint.class);

    private final OpenSearchIndexStore store;
    private final EventPublisher publisher;

    DocumentResetEndpoint(OpenSearchIndexStore store, EventPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    @DeleteOperation
    Map<String, Object> reset(@Selector(match = Selector.Match.ALL_REMAINING) String[] id) {
        String documentId = String.join("/", id);
        OpenSearchIndexStore.Forgotten forgotten = store.forget(documentId);
        publisher.publish(Topics.INDEXED, documentId, null);
        log.warn("document {} reset by an operator: {} chunk(s) and {} status record removed; its next event starts it afresh",
                documentId, forgotten.chunks(), forgotten.hadRecord() ? "its" : "no");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", documentId);
        body.put("chunksRemoved", forgotten.chunks());
        body.put("statusRemoved", forgotten.hadRecord());
        return body;
    }
}
