package io.freshet.bench;

/**
 * Percentiles of measured durations in milliseconds, as the report shows them: rounded to 0.1 ms, null (written as
 * null) when there were no samples.
 */
record LatencySummary(Double p50, Double p90, Double p95, Double p99, Double max, Double mean, int samples) {
}
