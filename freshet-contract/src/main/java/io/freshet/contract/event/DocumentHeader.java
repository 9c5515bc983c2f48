package io.freshet.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/** The identity, version and descriptive fields of a document, carried unchanged from stage to stage. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentHeader(
        String id,
        String source,
        long version,
        Operation op,
        String title,
        String url,
        String contentType,
        Map<String, String> metadata,
        Acl acl,
        Instant occurredAt) {

    public DocumentHeader {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        acl = Acl.orPrivate(acl);
    }

    public boolean isDelete() {
        return op == Operation.DELETE;
    }
}
