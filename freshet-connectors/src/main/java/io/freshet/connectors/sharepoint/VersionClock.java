package io.freshet.connectors.sharepoint;

import io.freshet.contract.event.ChangeLimits;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The versions of a task's changes: the connector's observation clock, {@code max(lastModifiedDateTime, now)} in
 * milliseconds, made strictly increasing within the task. Delta reports an item's current state once per change, and
 * a sharing change leaves lastModifiedDateTime alone, so the item's own timestamp cannot order two observations; the
 * moment the connector saw the state can, and a later observation is always the newer state. A restart or a
 * re-enumeration after 410 re-publishes with higher versions, which is harmless (embed skips unchanged text).
 */
final class VersionClock {

    private final LongSupplier nowMillis;
    private long last;

    VersionClock() {
        this(System::currentTimeMillis);
    }

    VersionClock(LongSupplier nowMillis) {
        this.nowMillis = nowMillis;
    }

    /** The version of a change observed now; {@code lastModified} may be null (deletes carry none). */
    synchronized long next(Instant lastModified) {
        long candidate = nowMillis.getAsLong();
        if (lastModified != null) {
            candidate = Math.max(candidate, lastModified.toEpochMilli());
        }
        candidate = Math.max(candidate, last + 1);
        last = Math.min(candidate, ChangeLimits.MAX_VERSION);
        return last;
    }
}
