package io.freshet.connectors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connect source partitions in one fixed key order. Connect keys a stored offset by its partition's JSON, and
 * {@code Map.of} iterates in an order that changes from one JVM to the next: a restarted worker would not find the
 * offsets it stored and start over.
 */
public final class SourcePartitions {

    private SourcePartitions() {
    }

    /** A partition of the given key/value pairs, in the order given. */
    public static <V> Map<String, V> of(String key, V value, Object... moreKeysAndValues) {
        if (moreKeysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, Object> partition = new LinkedHashMap<>();
        partition.put(key, value);
        for (int i = 0; i < moreKeysAndValues.length; i += 2) {
            partition.put((String) moreKeysAndValues[i], moreKeysAndValues[i + 1]);
        }
        @SuppressWarnings("unchecked")
        Map<String, V> typed = (Map<String, V>) Collections.unmodifiableMap(partition);
        return typed;
    }
}
