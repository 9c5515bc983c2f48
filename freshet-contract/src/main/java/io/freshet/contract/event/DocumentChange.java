package io.freshet.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * Contract v1: what a connector publishes on {@link Topics#CHANGES}, keyed by {@link #id()}.
 * See docs/events.md and the JSON Schema at {@code io/freshet/contract/document-change.schema.json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentChange(
        String id,
        String source,
        long version,
        Operation op,
        String title,
        String url,
        String contentType,
        Content content,
        Map<String, String> metadata,
        Acl acl,
        Instant occurredAt) {

    public DocumentChange {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static DocumentChange delete(String id, String source, long version, Instant occurredAt) {
        return new DocumentChange(id, source, version, Operation.DELETE, null, null, null, null, null, null, occurredAt);
    }

    /** The fields every later event of the pipeline carries along, without the content. */
    public DocumentHeader header() {
        return new DocumentHeader(id, source, version, op, title, url, contentType, metadata, Acl.orPrivate(acl), occurredAt);
    }
}
