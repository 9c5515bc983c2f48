package io.freshet.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** GET /v1/documents/{id}: where a document stands in the pipeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentStatusView(String id, String state, long version, int chunks, String reason, Instant updatedAt) {
}
