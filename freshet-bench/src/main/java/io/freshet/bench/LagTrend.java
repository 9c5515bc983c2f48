package io.freshet.bench;

import java.util.List;
import java.util.Objects;

/**
 * Whether the soak's consumer lag stayed bounded. Some lag is normal: every update in flight is a record some stage
 * has not committed yet, so at r updates/s and a second or two of pipeline latency the lag hovers around a few r.
 * It is judged growing when the last bucket's highest lag is above {@code ALLOWANCE_SECONDS} worth of publishing
 * AND is the highest of the whole soak: the pipeline was still falling behind when the soak ended.
 */
final class LagTrend {

    /** Seconds of publishing the lag may amount to before it counts as a backlog. */
    static final int ALLOWANCE_SECONDS = 10;
    /** Below this many records, lag is noise (commit intervals) whatever the rate. */
    static final long MIN_ALLOWANCE = 20;

    private LagTrend() {
    }

    /**
     * @param maxLagPerBucket the highest lag sampled in each bucket, in order; null for a bucket without a sample
     * @param publishRate     updates published per second
     */
    static SoakResult.Lag judge(List<Long> maxLagPerBucket, double publishRate) {
        long allowance = Math.max(MIN_ALLOWANCE, (long) Math.ceil(publishRate * ALLOWANCE_SECONDS));
        List<Long> sampled = maxLagPerBucket.stream().filter(Objects::nonNull).toList();
        if (sampled.isEmpty()) {
            return new SoakResult.Lag(allowance, null, null, false, "no lag sample (Kafka could not tell)");
        }
        long last = sampled.get(sampled.size() - 1);
        long highestBefore = sampled.subList(0, sampled.size() - 1).stream().mapToLong(Long::longValue).max().orElse(0);
        long highest = Math.max(last, highestBefore);
        boolean growing = last > allowance && last >= highestBefore;
        String reason = growing
                ? "last bucket's lag " + last + " is above the allowance of " + allowance + " and the highest of the soak"
                : last > allowance ? "last bucket's lag " + last + " is above the allowance of " + allowance
                        + " but below the soak's earlier peak " + highestBefore + ": recovering"
                : "last bucket's lag " + last + " within the allowance of " + allowance;
        return new SoakResult.Lag(allowance, last, highest, growing, reason);
    }
}
