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

    private final IndexLanes lanes;
    private final EventPublisher publisher;

    DocumentResetEndpoint(IndexLanes lanes, EventPublisher publisher) {
        this.lanes = lanes;
        this.publisher = publisher;
    }

    @DeleteOperation
    Map<String, Object> reset(@Selector(match = Selector.Match.ALL_REMAINING) String[] id) {
        String documentId = String.join("/", id);
        // In every model's indices the service writes: the document starts afresh in each.
        long chunks = 0;
        boolean hadRecord = false;
        for (IndexLane lane : lanes.all()) {
            OpenSearchIndexStore.Forgotten forgotten = lane.store().forget(documentId);
            chunks += forgotten.chunks();
            hadRecord |= forgotten.hadRecord();
        }
        publisher.publish(Topics.INDEXED, documentId, null);
        log.warn("document {} reset by an operator: {} chunk(s) and {} status record removed; its next event starts it afresh",
                documentId, chunks, hadRecord ? "its" : "no");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", documentId);
        body.put("chunksRemoved", chunks);
        body.put("statusRemoved", hadRecord);
        return body;
    }
}
