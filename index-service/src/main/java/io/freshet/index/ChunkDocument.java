package io.freshet.index;

import java.util.Map;

/** One passage as the chunk index stores it: its deterministic id and its fields (names from ChunkIndex). */
public record ChunkDocument(String id, Map<String, Object> source) {
}
