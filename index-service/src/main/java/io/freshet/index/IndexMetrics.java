package io.freshet.index;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;

/**
 * What the writer reports: freshness (source change to searchable write) and how many events were
 * indexed, deleted, rejected or skipped.
 */
public class IndexMetrics {

    private final Timer freshness;
    private final Counter indexed;
    private final Counter deleted;
    private final Counter rejected;
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
        deleted = outcome(registry, "deleted");
        rejected = outcome(registry, "rejected");
        skippedStale = outcome(registry, "skipped_stale");
        skippedRedelivery = outcome(registry, "skipped_redelivery");
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("freshet.index.events")
                .description("Events handled by the index writer, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    void applied(IndexPlan.Apply plan, Instant writtenAt) {
        switch (plan.status().state()) {
            case INDEXED -> indexed.increment();
            case DELETED -> deleted.increment();
            default -> rejected.increment();
        }
        if (plan.occurredAt() != null) {
            Duration lag = Duration.between(plan.occurredAt(), writtenAt);
            freshness.record(lag.isNegative() ? Duration.ZERO : lag); // a source clock ahead of ours is not negative lag
        }
    }

    void skipped(IndexPlan.Skip plan) {
        switch (plan.reason()) {
            case STALE -> skippedStale.increment();
            case ALREADY_APPLIED -> skippedRedelivery.increment();
            case NOT_A_REJECTION -> { }
        }
    }
}
