package io.freshet.contract.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Contract v1: what a connector publishes on {@link Topics#CHANGES}, keyed by the document id: the
 * {@link DocumentHeader} every later event carries along, plus the content. On the wire it is one flat JSON
 * object (docs/events.md, JSON Schema {@code io/freshet/contract/document-change.schema.json}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentChange(@JsonUnwrapped DocumentHeader header, Content content) {

    public DocumentChange {
        Objects.requireNonNull(header, "header");
    }

    /** From the flat wire form's fields; EventCodec checks the required ones before it gets here. */
    @JsonCreator
    public static DocumentChange of(@JsonProperty("id") String id, @JsonProperty("source") String source,
                                   @JsonProperty("version") long version, @JsonProperty("op") Operation op,
                                   @JsonProperty("title") String title, @JsonProperty("url") String url,
                                   @JsonProperty("contentType") String contentType, @JsonProperty("content") Content content,
                                   @JsonProperty("metadata") Map<String, String> metadata, @JsonProperty("acl") Acl acl,
                                   @JsonProperty("occurredAt") Instant occurredAt) {
        return new DocumentChange(new DocumentHeader(id, source, version, op, title, url, contentType, metadata, acl,
                occurredAt), content);
    }

    public static DocumentChange delete(String id, String source, long version, Instant occurredAt) {
        return new DocumentChange(new DocumentHeader(id, source, version, Operation.DELETE, null, null, null, null, null,
                occurredAt), null);
    }

    @JsonIgnore
    public boolean isDelete() {
        return header.isDelete();
    }
}
