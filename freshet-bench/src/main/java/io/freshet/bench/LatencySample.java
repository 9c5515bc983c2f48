package io.freshet.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Measured durations in milliseconds and their percentiles. Percentiles are nearest-rank (the smallest sample with
 * at least p% of the samples at or below it), so a p99 of 100 samples is the 99th slowest, never an interpolation.
 */
public final class LatencySample {

    private final double[] sorted;

    public LatencySample(List<Double> millis) {
        this.sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    public int count() {
        return sorted.length;
    }

    public boolean isEmpty() {
        return sorted.length == 0;
    }

    /** Nearest-rank percentile, {@code p} in (0, 100]; NaN without samples. */
    public double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    public double mean() {
        return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(Double.NaN);
    }

    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /** p50, p90, p95, p99, max, mean and the sample count, for the report. */
    LatencySummary summary() {
        return new LatencySummary(Report.round(percentile(50), 1), Report.round(percentile(90), 1),
                Report.round(percentile(95), 1), Report.round(percentile(99), 1), Report.round(max(), 1),
                Report.round(mean(), 1), count());
    }
}
