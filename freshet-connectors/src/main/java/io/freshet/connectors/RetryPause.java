package io.freshet.connectors;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * When a task may ask its source again after a failure: the source's own Retry-After when it sent one (Graph's
 * throttling, a 503), else an exponential backoff from {@code first} doubling to {@code max}. A source that is down is
 * asked again and again at that pace, never given up on: Connect's poll loop is the retry, this is its pace.
 */
public final class RetryPause {

    /** A Retry-After beyond this is a source's mistake, not a plan: asking again within the hour is harmless. */
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

    private final Duration first;
    private final Duration max;
    private final LongSupplier nanoTime;
    private Duration current;
    private long resumeAtNanos;
    private boolean pausing;
    private int failures;

    public RetryPause(Duration first, Duration max) {
        this(first, max, System::nanoTime);
    }

    /** With the time source a test (or a task's own clock) decides. */
    public RetryPause(Duration first, Duration max, LongSupplier nanoTime) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, got " + first + " and " + max);
        }
        this.first = first;
        this.max = max;
        this.nanoTime = nanoTime;
        this.current = first;
    }

    /** Records a failure; returns how long to wait before the next attempt. */
    public Duration failed(Optional<Duration> retryAfter) {
        Duration pause = current;
        current = current.multipliedBy(2).compareTo(max) > 0 ? max : current.multipliedBy(2);
        if (retryAfter.isPresent() && !retryAfter.get().isNegative()) {
            Duration asked = retryAfter.get().compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter.get();
            pause = asked.compareTo(pause) > 0 ? asked : pause;
        }
        failures++;
        pausing = true;
        resumeAtNanos = nanoTime.getAsLong() + pause.toNanos();
        return pause;
    }

    public void succeeded() {
        current = first;
        pausing = false;
        failures = 0;
    }

    /** How long until the next attempt may be made; zero when it may be made now. */
    public Duration remaining() {
        if (!pausing) {
            return Duration.ZERO;
        }
        long left = resumeAtNanos - nanoTime.getAsLong();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** Failures in a row since the last success. */
    public int failures() {
        return failures;
    }
}
