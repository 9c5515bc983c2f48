package io.freshet.index;

import io.freshet.contract.event.DocumentState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;

/**
 * What the writer reports: freshness (source change to searchable write) and how many events were
 * indexed, relabelled (text unchanged), deleted, rejected, recorded as pending or skipped.
 */
public class IndexMetrics {

    private final Timer freshness;
    private final Counter indexed;
    private final Counter unchanged;
    private final Counter deleted;
    private final Counter rejected;
    private final Counter pending;
    private final Counter skippedStale;
    private final Counter skippedRedelivery;

    public IndexMetrics(MeterRegistry registry) {
        freshness = Timer.builder("freshet.index.freshness")
                .description("Time from the change at the source (occurredAt) to its write into the index")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        indexed = outcome(registry, "indexed");
        unchanged = outcome(registry, "unchanged");
        deleted = outcome(registry, "deleted");
        rejected = outcome(registry, "rejected");
        pending = outcome(registry, "pending");
        skippedStale = outcome(registry, "skipped_stale");
        skippedRedelivery = outcome(registry, "skipped_redelivery");
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("freshet.index.events")
                .description("Events handled by the index writer, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    void applied(DocumentState state, Instant occurredAt, Instant writtenAt) {
        switch (state) {
            case INDEXED -> indexed.increment();
            case DELETED -> deleted.increment();
            case REJECTED -> rejected.increment();
            case PENDING -> pending.increment();
        }
        recordFreshness(occurredAt, writtenAt);
    }

    void relabelled(Instant occurredAt, Instant writtenAt) {
        unchanged.increment();
        recordFreshness(occurredAt, writtenAt);
    }

    void skipped(IndexPlan.Skip plan) {
        switch (plan.reason()) {
            case STALE -> skippedStale.increment();
            case ALREADY_APPLIED -> skippedRedelivery.increment();
            case NOT_RECORDED -> { }
        }
    }

    private void recordFreshness(Instant occurredAt, Instant writtenAt) {
        if (occurredAt != null) {
            Duration lag = Duration.between(occurredAt, writtenAt);
            freshness.record(lag.isNegative() ? Duration.ZERO : lag); // a source clock ahead of ours is not negative lag
        }
    }
}
