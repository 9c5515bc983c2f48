package io.freshet.index;

import io.freshet.contract.event.DocumentState;
import io.freshet.contract.index.StatusIndex;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One document's entry in the status index: the last version applied and what it left in the chunk
 * index. {@code chunks} is the number of chunks in the index for that version (0 once deleted or
 * rejected), which is how a shrinking document's surplus chunks are found by id.
 */
public record StatusRecord(String id, long version, DocumentState state, int chunks, String reason,
                           String contentHash, Instant updatedAt) {

    /** The record as the status index stores it (field names from {@link StatusIndex}). */
    public Map<String, Object> toSource() {
        var source = new LinkedHashMap<String, Object>();
        source.put(StatusIndex.ID, id);
        source.put(StatusIndex.VERSION, version);
        source.put(StatusIndex.STATE, state.name());
        source.put(StatusIndex.CHUNKS, chunks);
        if (reason != null) {
            source.put(StatusIndex.REASON, reason);
        }
        if (contentHash != null) {
            source.put(StatusIndex.CONTENT_HASH, contentHash);
        }
        source.put(StatusIndex.UPDATED_AT, updatedAt.toString());
        return source;
    }

    /** Reads a stored record; an unknown state reads as PENDING so the planner treats it as inconsistent. */
    public static StatusRecord fromSource(Map<String, Object> source) {
        Object state = source.get(StatusIndex.STATE);
        DocumentState parsed;
        try {
            parsed = DocumentState.valueOf(String.valueOf(state));
        } catch (IllegalArgumentException e) {
            parsed = DocumentState.PENDING;
        }
        Object updated = source.get(StatusIndex.UPDATED_AT);
        return new StatusRecord(
                String.valueOf(source.get(StatusIndex.ID)),
                number(source.get(StatusIndex.VERSION)),
                parsed,
                (int) number(source.get(StatusIndex.CHUNKS)),
                (String) source.get(StatusIndex.REASON),
                (String) source.get(StatusIndex.CONTENT_HASH),
                updated == null ? Instant.EPOCH : Instant.parse(String.valueOf(updated)));
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return value == null ? 0 : Long.parseLong(String.valueOf(value));
    }
}
