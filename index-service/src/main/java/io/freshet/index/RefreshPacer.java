package io.freshet.index;

import java.time.Duration;
import java.util.Optional;

/**
 * How often the chunk index should refresh, from how full index-service's polls are. Caught up (small polls), a
 * refresh a second keeps an edit searchable within about a second. Behind (full polls: a first load, a re-index, a
 * burst), each refresh cuts a small segment whose HNSW graph OpenSearch builds and then merges again and again; a
 * document in a backlog waits seconds to minutes anyway, so refreshing less often costs it little and saves most of
 * that work. Pure: the store applies the interval it returns.
 */
final class RefreshPacer {

    private final Duration normal;
    private final Duration underLoad;
    private final int loadEvents;
    private Duration current; // null until the first poll: whatever a previous run left set is not trusted

    /**
     * @param normal     the interval when caught up
     * @param underLoad  the interval while polls are full
     * @param loadEvents a poll of at least this many events means index-service is behind; it counts as caught up
     *                   again once a poll is under a fifth of it (so one short poll in a backlog does not flip it)
     */
    RefreshPacer(Duration normal, Duration underLoad, int loadEvents) {
        this.normal = normal;
        this.underLoad = underLoad;
        this.loadEvents = loadEvents;
    }

    /** The interval to set after a poll of {@code events}, when it differs from the one set. */
    synchronized Optional<Duration> afterPoll(int events) {
        Duration wanted;
        if (events >= loadEvents) {
            wanted = underLoad;
        } else if (events * 5 < loadEvents || current == null) {
            wanted = normal;
        } else {
            wanted = current;
        }
        if (wanted.equals(current)) {
            return Optional.empty();
        }
        current = wanted;
        return Optional.of(wanted);
    }

    /** Setting the interval failed: the next poll decides and sets it again. */
    synchronized void failed() {
        current = null;
    }

    /** Whether {@code interval} is the caught-up one: switching to it should refresh at once, not an interval later. */
    boolean isNormal(Duration interval) {
        return interval.equals(normal);
    }
}
