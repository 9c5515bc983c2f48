package io.freshet.connectors.wordpress;

import io.freshet.connectors.SourcePartitions;

import java.time.Duration;
import java.util.Map;

/** The orchestrator's view of one post type: its Connect partition, state, the offset last handed to Connect, timers. */
final class TypeSync {

    private final String type;
    private final Map<String, String> partition;
    private final SyncState state;
    private Map<String, Object> offset;
    private int feedPage = 1;
    private boolean caughtUp;
    private long nextFeedAt;
    private long nextReconcileAt = Long.MAX_VALUE;
    private ReconcileRun run;

    TypeSync(String site, String type, SyncState state, long now) {
        this.type = type;
        this.partition = partition(site, type);
        this.state = state;
        this.offset = state.toOffset();
        this.nextFeedAt = now;
    }

    static Map<String, String> partition(String site, String type) {
        return SourcePartitions.of("site", site, "type", type);
    }

    /** When this type next has work: the feed's next poll, or the reconciliation once the feed has caught up. */
    long dueAt() {
        if (run != null || !caughtUp) {
            return Long.MIN_VALUE;
        }
        return Math.min(nextFeedAt, nextReconcileAt);
    }

    /** Whether the next step is a reconciliation: the feed has caught up and it has waited longest. */
    boolean reconcileDue(long now) {
        return caughtUp && nextReconcileAt <= now && nextReconcileAt <= nextFeedAt;
    }

    /** The feed read its last page: poll again after the interval; the first catch-up makes reconciliation due. */
    void caughtUp(long now, Duration pollInterval) {
        caughtUp = true;
        feedPage = 1;
        nextFeedAt = now + pollInterval.toNanos();
        if (nextReconcileAt == Long.MAX_VALUE) {
            nextReconcileAt = now;
        }
    }

    /** Reconciliation finished or was given up: the next one after {@code wait}, the feed first if it is due. */
    void reconciled(long now, Duration wait) {
        nextReconcileAt = now + wait.toNanos();
    }

    String type() {
        return type;
    }

    Map<String, String> partition() {
        return partition;
    }

    SyncState state() {
        return state;
    }

    Map<String, Object> offset() {
        return offset;
    }

    void offset(Map<String, Object> offset) {
        this.offset = offset;
    }

    int feedPage() {
        return feedPage;
    }

    void feedPage(int page) {
        this.feedPage = page;
        this.caughtUp = false;
    }

    ReconcileRun run() {
        return run;
    }

    void run(ReconcileRun run) {
        this.run = run;
    }
}
