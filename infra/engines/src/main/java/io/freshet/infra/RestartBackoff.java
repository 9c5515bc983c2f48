package io.freshet.infra;

import java.time.Duration;
import java.time.Instant;

/**
 * How long to wait before starting a crashed process again: {@code initial} after its first exit, doubling with each
 * exit that follows, up to {@code max}; a run that lasted {@code stableAfter} counts as healthy and starts the count
 * afresh. So one crash costs a second, and a crash loop settles at one attempt a minute instead of spinning.
 *
 * <p>Pure: the caller passes the times, so the policy is tested without waiting. Not thread-safe; one per process.
 */
final class RestartBackoff {

    static final Duration INITIAL = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(60);
    /** Twice the longest wait: a process that outlives it was not crash-looping. */
    static final Duration STABLE_AFTER = Duration.ofMinutes(2);

    private final Duration initial;
    private final Duration max;
    private final Duration stableAfter;
    private Instant startedAt;
    private int consecutive;

    RestartBackoff(Duration initial, Duration max, Duration stableAfter) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || stableAfter.isNegative()) {
            throw new IllegalArgumentException("need 0 < initial <= max and stableAfter >= 0: " + initial + ", " + max
                    + ", " + stableAfter);
        }
        this.initial = initial;
        this.max = max;
        this.stableAfter = stableAfter;
    }

    /** The launcher's policy: 1 s doubling to 60 s, reset after 2 minutes up. */
    static RestartBackoff standard() {
        return new RestartBackoff(INITIAL, MAX, STABLE_AFTER);
    }

    /** The process (re)started at {@code at}. */
    void started(Instant at) {
        startedAt = at;
    }

    /**
     * The process exited at {@code at} without being asked to.
     *
     * @return how long to wait before starting it again
     */
    Duration exited(Instant at) {
        if (startedAt != null && !Duration.between(startedAt, at).minus(stableAfter).isNegative()) {
            consecutive = 0;
        }
        Duration delay = initial;
        // Doubling stops at max, so neither the count nor the duration can overflow in a long crash loop.
        for (int i = 0; i < consecutive && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        consecutive++;
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Exits since the process last ran for {@code stableAfter}: 1 after a first crash. */
    int consecutiveExits() {
        return consecutive;
    }
}
