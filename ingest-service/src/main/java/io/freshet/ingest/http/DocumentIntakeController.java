package io.freshet.ingest.http;

import io.freshet.contract.event.ChangeLimits;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.Topics;
import io.freshet.contract.failure.PoisonEventException;
import io.freshet.contract.failure.TransientFailureException;
import io.freshet.pipeline.kafka.DocumentLogContext;
import io.freshet.pipeline.kafka.EventPublisher;
import io.freshet.pipeline.kafka.EventTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.freshet.ingest.security.Connector;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HTTP intake for connectors that cannot speak Kafka: each request becomes a record on {@link Topics#CHANGES}
 * and is answered 202 only once the broker has acknowledged it (503 while Kafka is unavailable).
 *
 * <p>The caller is an authenticated {@link Connector} (see {@code IntakeSecurityConfiguration}); it may publish
 * and delete only documents of the sources it is granted (403 otherwise). Every error is a problem+json.
 */
@RestController
@RequestMapping("/v1/documents")
class DocumentIntakeController {

    private static final Logger log = LoggerFactory.getLogger(DocumentIntakeController.class);
    private static final String RETRY_AFTER_SECONDS = "5";
    /** A body can never make a larger event: refusing it up front spares reading and parsing it. */
    static final int MAX_BODY_BYTES = Topics.MAX_EVENT_BYTES;
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,16}");

    private final EventCodec codec;
    private final EventPublisher publisher;
    private final RecordedVersions versions;

    DocumentIntakeController(EventCodec codec, EventPublisher publisher, RecordedVersions versions) {
        this.codec = codec;
        this.publisher = publisher;
        this.versions = versions;
    }

    /** A document change in the connector contract's JSON shape (UPSERT, or DELETE). */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> publishChange(HttpServletRequest request,
                                                      @AuthenticationPrincipal Connector connector) throws IOException {
        requireUtf8(request);
        DocumentChange change = codec.readChange(RequestBodies.readUtf8(request, MAX_BODY_BYTES));
        requireGranted(connector, change.header().source(), "publish");
        try (var document = DocumentLogContext.open(change.header().id())) {
            if (versions.check(change) instanceof VersionCheck.Conflict conflict) {
                throw new VersionConflictException(conflict);
            }
            publisher.publish(Topics.CHANGES, change.header().id(), change);
            if (change.isDelete()) {
                publisher.publish(Topics.CHANGES, change.header().id(), null);
            }
            log.info("Accepted {} of {} v{} from {} (source {}) over HTTP", change.header().op(), change.header().id(),
                    change.header().version(), connector.name(), change.header().source());
        }
        return accepted(change);
    }

    /**
     * Deletes a document of {@code source}. The id may contain slashes ({@code DELETE /v1/documents/policies/travel}),
     * but not encoded ones. Without a version it deletes the recorded version, so the source's next version
     * re-creates the document (404 when none is recorded yet).
     */
    @DeleteMapping("/{*id}")
    ResponseEntity<Map<String, Object>> delete(@PathVariable("id") String path,
                                               @RequestParam(name = "version", required = false) String version,
                                               @RequestParam(name = "source", required = false) String source,
                                               @AuthenticationPrincipal Connector connector) {
        String id = path.startsWith("/") ? path.substring(1) : path;
        if (id.isBlank()) {
            throw new PoisonEventException("contract violation: 'id' must not be blank");
        }
        if (source == null || source.isBlank()) {
            throw new PoisonEventException("a DELETE must name the document's source: ?source=<source>");
        }
        // Through the codec: the same bounds as a posted change (id length, no control characters).
        codec.readChange(codec.write(DocumentChange.delete(id, source, 0, Instant.now())));
        requireGranted(connector, source, "delete");
        DocumentChange change = DocumentChange.delete(id, source,
                version != null ? parseVersion(version) : versions.versionToDelete(id, source), Instant.now());
        try (var document = DocumentLogContext.open(id)) {
            if (versions.check(change) instanceof VersionCheck.Conflict conflict) {
                throw new VersionConflictException(conflict);
            }
            publisher.publish(Topics.CHANGES, id, change);
            // The tombstone lets log compaction drop the document's records; the DELETE event before it is
            // what the pipeline acts on.
            publisher.publish(Topics.CHANGES, id, null);
            log.info("Accepted DELETE of {} v{} from {} (source {}) over HTTP", id, change.header().version(),
                    connector.name(), source);
        }
        return accepted(change);
    }

    /**
     * Scope: a connector speaks for its own sources only. Whether the document already belongs to another source
     * is the pipeline's to enforce (it holds the document's record, the intake does not).
     */
    private static void requireGranted(Connector connector, String source, String action) {
        if (source == null || source.isBlank()) {
            throw new PoisonEventException("contract violation: 'source' is required over HTTP: a connector may "
                    + action + " only documents of the sources it is granted");
        }
        if (!connector.mayUse(source)) {
            log.warn("Refused: connector '{}' may not {} documents of source '{}' (granted {})", connector.name(), action,
                    source, connector.sources());
            throw new SourceNotGrantedException("connector '" + connector.name() + "' may not " + action
                    + " documents of source '" + source + "'");
        }
    }

    private static long parseVersion(String version) {
        if (VERSION.matcher(version).matches()) {
            long value = Long.parseLong(version); // at most 16 digits: no overflow
            if (value <= ChangeLimits.MAX_VERSION) {
                return value;
            }
        }
        throw new PoisonEventException("contract violation: 'version' must be an integer from 0 to "
                + ChangeLimits.MAX_VERSION + " (2^53 - 1)");
    }

    /** JSON is UTF-8 (RFC 8259); a body declared in another charset would be misread. */
    private static void requireUtf8(HttpServletRequest request) {
        // The header as sent: the request's character encoding is forced to UTF-8 by Boot's encoding filter.
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        try {
            Charset charset = type == null ? null : MediaType.parseMediaType(type).getCharset();
            if (charset != null && !charset.equals(StandardCharsets.UTF_8)) {
                throw new UnsupportedCharsetException();
            }
        } catch (IllegalArgumentException e) { // InvalidMediaTypeException, an unknown charset
            throw new UnsupportedCharsetException();
        }
    }

    /** 409 with the recorded version (when it is the caller's source's): the change was not published. */
    @ExceptionHandler(VersionConflictException.class)
    ResponseEntity<ProblemDetail> conflict(VersionConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.conflict.detail());
        problem.setTitle("Change would be ignored");
        if (e.conflict.recordedVersion() != null) {
            problem.setProperty("recordedVersion", e.conflict.recordedVersion());
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(RecordedVersions.NothingToDeleteException.class)
    ResponseEntity<ProblemDetail> nothingToDelete(RecordedVersions.NothingToDeleteException e) {
        return problem(HttpStatus.NOT_FOUND, "Nothing to delete", e.getMessage());
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

    /** The rest of the body is not read: the connection is closed instead of swallowing it. */
    @ExceptionHandler(RequestBodies.BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> bodyTooLarge(RequestBodies.BodyTooLargeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setTitle("Document change too large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header(HttpHeaders.CONNECTION, "close").body(problem);
    }

    @ExceptionHandler(RequestBodies.NotUtf8Exception.class)
    ResponseEntity<ProblemDetail> notUtf8(RequestBodies.NotUtf8Exception e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid document change", e.getMessage());
    }

    @ExceptionHandler(UnsupportedCharsetException.class)
    ResponseEntity<ProblemDetail> unsupportedCharset(UnsupportedCharsetException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type", "send application/json in UTF-8");
    }

    @ExceptionHandler(PoisonEventException.class)
    ResponseEntity<ProblemDetail> invalid(PoisonEventException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid document change", e.getMessage());
    }

    @ExceptionHandler(SourceNotGrantedException.class)
    ResponseEntity<ProblemDetail> notGranted(SourceNotGrantedException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    /** The reason (addresses, settings) goes to the log for the operator, not to the caller. */
    @ExceptionHandler(TransientFailureException.class)
    ResponseEntity<ProblemDetail> unavailable(TransientFailureException e) {
        log.warn("Refused an HTTP document change: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "the pipeline cannot take the "
                        + "change now (Kafka or the document records are unavailable); retry after Retry-After seconds"));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }

    /** The connector is not granted the document's source. */
    static final class SourceNotGrantedException extends RuntimeException {

        SourceNotGrantedException(String message) {
            super(message);
        }
    }

    static final class VersionConflictException extends RuntimeException {

        private final transient VersionCheck.Conflict conflict;

        VersionConflictException(VersionCheck.Conflict conflict) {
            super(conflict.detail());
            this.conflict = conflict;
        }
    }

    /** A body declared in a charset other than UTF-8. */
    static final class UnsupportedCharsetException extends RuntimeException {
    }
}
