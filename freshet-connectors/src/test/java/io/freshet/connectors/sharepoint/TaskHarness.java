package io.freshet.connectors.sharepoint;

import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.EventCodec;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Runs a {@link SharePointSourceTask} the way a Connect worker does, small: a context whose offset reader answers
 * what was committed, and a commit of each poll's offsets once its records are "written" (at once).
 */
final class TaskHarness implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(20);

    /** Offsets committed, per source partition, shared across restarts like Connect's offsets topic. */
    final Map<Map<String, Object>, Map<String, Object>> committed;
    final List<SourceRecord> published = new ArrayList<>();
    private final SharePointSourceTask task = new SharePointSourceTask();
    private final EventCodec codec = new EventCodec();

    TaskHarness(Map<String, String> props, Map<Map<String, Object>, Map<String, Object>> committed) {
        this.committed = committed;
        task.initialize(new Context(props));
        task.start(props);
    }

    static Map<String, String> props(GraphTestServer graph, String... driveIds) {
        Map<String, String> props = new HashMap<>();
        props.put(SharePointConfig.GRAPH_BASE_URL, graph.graphBaseUrl());
        props.put(SharePointConfig.GRAPH_AUTHORITY_URL, graph.authorityUrl());
        props.put(SharePointConfig.GRAPH_TENANT_ID, graph.tenant());
        props.put(SharePointConfig.GRAPH_CLIENT_ID, graph.clientId());
        props.put(SharePointConfig.GRAPH_CLIENT_SECRET, graph.clientSecret());
        props.put(SharePointConfig.DRIVE_IDS, String.join(",", driveIds));
        props.put(SharePointConfig.POLL_INTERVAL_MS, "100");
        props.put(SharePointConfig.RETRY_BACKOFF_INITIAL_MS, "50");
        props.put(SharePointConfig.RETRY_BACKOFF_MAX_MS, "400");
        return props;
    }

    /** One poll; its offsets are committed, as a worker does once the records are written. */
    List<SourceRecord> poll() {
        List<SourceRecord> records = task.poll();
        if (records != null) {
            for (SourceRecord r : records) {
                published.add(r);
                @SuppressWarnings("unchecked")
                Map<String, Object> partition = (Map<String, Object>) r.sourcePartition();
                @SuppressWarnings("unchecked")
                Map<String, Object> offset = (Map<String, Object>) r.sourceOffset();
                committed.put(Map.copyOf(partition), Map.copyOf(offset));
            }
        }
        return records == null ? List.of() : records;
    }

    /** Polls until {@code done} holds for the records published since the call, or fails at the deadline. */
    List<SourceRecord> pollUntil(Predicate<List<SourceRecord>> done) {
        int from = published.size();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            List<SourceRecord> since = List.copyOf(published.subList(from, published.size()));
            if (done.test(since)) {
                return since;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not done within " + DEADLINE + "; published meanwhile: " + since);
            }
            poll();
        }
    }

    /** Polls until {@code condition} holds (e.g. the server saw a request); returns what was published meanwhile. */
    List<SourceRecord> pollWhile(BooleanSupplier notYet) {
        return pollUntil(records -> !notYet.getAsBoolean());
    }

    List<SourceRecord> pollUntilCount(int records) {
        return pollUntil(r -> r.size() >= records);
    }

    DocumentChange change(SourceRecord record) {
        return codec.readChange((String) record.value());
    }

    List<DocumentChange> changes(List<SourceRecord> records) {
        return records.stream().filter(r -> r.value() != null).map(this::change).toList();
    }

    SharePointSourceTask task() {
        return task;
    }

    @Override
    public void close() {
        task.stop();
    }

    private final class Context implements SourceTaskContext {
        private final Map<String, String> props;

        Context(Map<String, String> props) {
            this.props = props;
        }

        @Override
        public Map<String, String> configs() {
            return props;
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                public <T> Map<String, Object> offset(Map<String, T> partition) {
                    return committed.get(Map.copyOf(partition));
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                    Map<Map<String, T>, Map<String, Object>> all = new HashMap<>();
                    partitions.forEach(p -> all.put(p, offset(p)));
                    return all;
                }
            };
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }
}
