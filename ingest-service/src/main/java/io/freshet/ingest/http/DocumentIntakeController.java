package io.freshet.ingest.http;

import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.Topics;
import io.freshet.contract.failure.PoisonEventException;
import io.freshet.contract.failure.TransientFailureException;
import io.freshet.pipeline.kafka.EventPublisher;
import io.freshet.pipeline.kafka.EventTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP intake for connectors that cannot speak Kafka: each request becomes a record on {@link Topics#CHANGES}
 * and is answered 202 only once the broker has acknowledged it (503 while Kafka is unavailable).
 */
@RestController
@RequestMapping("/v1/documents")
class DocumentIntakeController {

    private static final Logger log = LoggerFactory.getLogger(DocumentIntakeController.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    private final EventCodec codec;
    private final EventPublisher publisher;

    DocumentIntakeController(EventCodec codec, EventPublisher publisher) {
        this.codec = codec;
        this.publisher = publisher;
    }

    /** A document change in the connector contract's JSON shape (UPSERT, or DELETE). */
    @PostMapping
    ResponseEntity<Map<String, Object>> publishChange(@RequestBody String body) {
        DocumentChange change = codec.readChange(body);
        publisher.publish(Topics.CHANGES, change.header().id(), change);
        if (change.isDelete()) {
            publisher.publish(Topics.CHANGES, change.header().id(), null);
        }
        log.info("Accepted {} of {} v{} from {} over HTTP", change.header().op(), change.header().id(), change.header().version(), change.header().source());
        return accepted(change);
    }

    /**
     * Deletes a document. The id may contain slashes ({@code DELETE /v1/documents/policies/travel}). Without a
     * version the current time in milliseconds is used, so a delete issued now wins over anything before it.
     */
    @DeleteMapping("/{*id}")
    ResponseEntity<Map<String, Object>> delete(@PathVariable("id") String path,
                                               @RequestParam(name = "version", required = false) Long version,
                                               @RequestParam(name = "source", required = false) String source) {
        String id = path.startsWith("/") ? path.substring(1) : path;
        if (id.isBlank()) {
            throw new PoisonEventException("contract violation: 'id' must not be blank");
        }
        if (version != null && version < 0) {
            throw new PoisonEventException("contract violation: 'version' must not be negative");
        }
        DocumentChange change = DocumentChange.delete(id, source,
                version != null ? version : System.currentTimeMillis(), Instant.now());
        publisher.publish(Topics.CHANGES, id, change);
        // The tombstone lets log compaction drop the document's records; the DELETE event before it is
        // what the pipeline acts on.
        publisher.publish(Topics.CHANGES, id, null);
        log.info("Accepted DELETE of {} v{} from {} over HTTP", id, change.header().version(), source);
        return accepted(change);
    }

    private static ResponseEntity<Map<String, Object>> accepted(DocumentChange change) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", change.header().id());
        body.put("version", change.header().version());
        body.put("topic", Topics.CHANGES);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    @ExceptionHandler(EventTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(EventTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Document change too large", e.getMessage());
    }

    @ExceptionHandler(PoisonEventException.class)
    ResponseEntity<ProblemDetail> invalid(PoisonEventException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid document change", e.getMessage());
    }

    @ExceptionHandler(TransientFailureException.class)
    ResponseEntity<ProblemDetail> unavailable(TransientFailureException e) {
        log.warn("Refused an HTTP document change: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}
