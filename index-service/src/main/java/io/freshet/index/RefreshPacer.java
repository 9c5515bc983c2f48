package io.freshet.index;

import java.time.Duration;
import java.util.Optional;

/**
 * How often the chunk index should refresh, from how far behind the pipeline is. Caught up, a refresh a second keeps
 * an edit searchable within about a second. Behind (a first load, a re-index, a burst), each refresh cuts a small
 * segment whose HNSW graph and postings OpenSearch writes and then merges again and again; a document that already
 * waited in a backlog for many seconds loses little by waiting a few more, and the index saves most of that work.
 *
 * <p>Behind means a full poll (index-service itself is the bottleneck) or a poll holding an event that happened at
 * least {@code loadAge} ago (it queued upstream: embed-service is the bottleneck, and index-service sees a trickle).
 * Caught up again means a short poll of recent document changes, or no events for a moment (the container's idle event): then
 * the interval goes back and the index refreshes at once, so the end of a backlog is searchable without delay.
 * Pure: the store applies the interval it returns.
 */
final class RefreshPacer {

    private final Duration normal;
    private final Duration underLoad;
    private final int loadEvents;
    private final Duration loadAge;
    private Duration current; // null until the first poll: whatever a previous run left set is not trusted

    /**
     * @param normal     the interval when caught up
     * @param underLoad  the interval while behind
     * @param loadEvents a poll of at least this many events means index-service is behind
     * @param loadAge    an event this old means the pipeline is behind
     */
    RefreshPacer(Duration normal, Duration underLoad, int loadEvents, Duration loadAge) {
        this.normal = normal;
        this.underLoad = underLoad;
        this.loadEvents = loadEvents;
        this.loadAge = loadAge;
    }

    /**
     * The interval to set after a poll, when it differs from the one set. In between (neither clearly behind nor
     * clearly caught up) the interval stays, so one odd poll in a backlog does not flip it.
     *
     * @param oldestAge how long ago the oldest document change of the poll happened at its source; empty when the poll
     *                  says nothing about it (only other stages' verdicts, which run ahead of the backlog)
     */
    synchronized Optional<Duration> afterPoll(int events, Optional<Duration> oldestAge) {
        boolean old = oldestAge.filter(age -> age.compareTo(loadAge) >= 0).isPresent();
        boolean recent = oldestAge.filter(age -> age.multipliedBy(2).compareTo(loadAge) < 0).isPresent();
        Duration wanted;
        if (events >= loadEvents || old) {
            wanted = underLoad;
        } else if (events * 5 < loadEvents && recent || current == null) {
            wanted = normal;
        } else {
            wanted = current;
        }
        return set(wanted);
    }

    /** No events for a moment: caught up. */
    synchronized Optional<Duration> afterIdle() {
        return current == null ? Optional.empty() : set(normal);
    }

    /** Setting the interval failed: the next poll decides and sets it again. */
    synchronized void failed() {
        current = null;
    }

    /** Whether {@code interval} is the caught-up one: switching to it should refresh at once, not an interval later. */
    boolean isNormal(Duration interval) {
        return interval.equals(normal);
    }

    private Optional<Duration> set(Duration wanted) {
        if (wanted.equals(current)) {
            return Optional.empty();
        }
        current = wanted;
        return Optional.of(wanted);
    }
}
