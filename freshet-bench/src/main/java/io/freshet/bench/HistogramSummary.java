package io.freshet.bench;

import java.util.Map;

/**
 * A scraped Prometheus histogram in milliseconds: its count, mean and interpolated percentiles (null when empty),
 * and the observations per non-empty bucket.
 */
record HistogramSummary(long count, Double mean, Double p50, Double p95, Double p99, Map<String, Long> buckets) {
}
