package io.freshet.connectors.wordpress;

import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.EventCodec;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs a {@link WordPressSourceTask} as a Connect worker would: its context reads the offsets "committed" so far, and
 * {@link #commit()} commits the offset of the last record polled per partition (the worker commits an offset once every
 * record before it is written; here every polled record counts as written).
 */
final class TaskHarness implements AutoCloseable {

    private static final EventCodec CODEC = new EventCodec();

    /** Survives restarts: what Connect's offset store holds. */
    final Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>();
    final List<SourceRecord> polled = new ArrayList<>();
    private WordPressSourceTask task;

    void start(Map<String, String> props) {
        task = new WordPressSourceTask();
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return props;
            }

            @Override
            public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                return null;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        return committed.get(new HashMap<String, Object>(partition));
                    }

                    @Override
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                        Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                        for (Map<String, T> partition : partitions) {
                            out.put(partition, offset(partition));
                        }
                        return out;
                    }
                };
            }
        });
        task.start(props);
    }

    /** Polls until {@code done} holds for the records polled since this call began, or fails after the deadline. */
    List<SourceRecord> pollUntil(Predicate<List<SourceRecord>> done, Duration deadline) throws InterruptedException {
        List<SourceRecord> fresh = new ArrayList<>();
        Instant end = Instant.now().plus(deadline);
        while (!done.test(fresh)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not done within " + deadline + "; polled " + describe(fresh));
            }
            List<SourceRecord> records = task.poll();
            if (records != null) {
                fresh.addAll(records);
                polled.addAll(records);
            }
        }
        return fresh;
    }

    /** Polls until {@code requests} more requests matching {@code match} reached the server. */
    List<SourceRecord> pollWhile(WordPressTestServer server, Predicate<String> match, int requests)
            throws InterruptedException {
        long before = server.requests().stream().filter(match).count();
        return pollUntil(r -> server.requests().stream().filter(match).count() >= before + requests,
                Duration.ofSeconds(20));
    }

    void commit() {
        commitFirst(polled.size());
    }

    /** Commits as the worker would once only the first {@code n} records polled are written. */
    void commitFirst(int n) {
        for (SourceRecord record : polled.subList(0, n)) {
            committed.put(new HashMap<>(record.sourcePartition()), new HashMap<>(record.sourceOffset()));
        }
    }

    void stop() {
        if (task != null) {
            task.stop();
            task = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    static List<DocumentChange> changes(List<SourceRecord> records) {
        return records.stream().filter(r -> r.value() != null).map(r -> CODEC.readChange((String) r.value())).toList();
    }

    static String describe(List<SourceRecord> records) {
        return records.stream().map(r -> r.key() + (r.value() == null ? " tombstone"
                : " " + CODEC.readChange((String) r.value()).header().op())).toList().toString();
    }
}
