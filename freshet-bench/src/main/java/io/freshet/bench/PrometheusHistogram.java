package io.freshet.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One histogram scraped from a Prometheus text exposition (e.g. {@code freshet_index_freshness_seconds}): its
 * cumulative buckets, count and sum, summed over all label sets. Two scrapes subtract, so a phase of the run can be
 * looked at on its own; quantiles are interpolated within a bucket as Prometheus' histogram_quantile does.
 */
public record PrometheusHistogram(NavigableMap<Double, Double> cumulative, double count, double sum) {

    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    /** The histogram {@code name} (without the _bucket suffix); empty buckets when the exposition lacks it. */
    public static PrometheusHistogram parse(String exposition, String name) {
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        double count = 0;
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String metric = metricName(line);
            double value = lastNumber(line);
            if (metric.equals(name + "_bucket")) {
                Matcher le = LE.matcher(line);
                if (le.find()) {
                    buckets.merge(parseBound(le.group(1)), value, Double::sum);
                }
            } else if (metric.equals(name + "_count")) {
                count += value;
            } else if (metric.equals(name + "_sum")) {
                sum += value;
            }
        }
        return new PrometheusHistogram(buckets, count, sum);
    }

    /** What was observed between {@code earlier} and this scrape. */
    public PrometheusHistogram minus(PrometheusHistogram earlier) {
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        cumulative.forEach((le, n) -> buckets.put(le, n - earlier.cumulative.getOrDefault(le, 0.0)));
        return new PrometheusHistogram(buckets, count - earlier.count, sum - earlier.sum);
    }

    /** The q-quantile (0..1) in the histogram's unit, NaN when empty; capped at the largest finite bound. */
    public double quantile(double q) {
        double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            double upperBound = bucket.getKey();
            double upTo = bucket.getValue();
            if (upTo >= rank) {
                if (Double.isInfinite(upperBound)) {
                    return lowerBound;
                }
                double inBucket = upTo - below;
                return inBucket <= 0 ? upperBound : lowerBound + (upperBound - lowerBound) * (rank - below) / inBucket;
            }
            lowerBound = upperBound;
            below = upTo;
        }
        return lowerBound;
    }

    /** Non-empty buckets as "upper bound → observations in that bucket" (not cumulative), in ms. */
    public Map<String, Long> bucketsInMillis() {
        Map<String, Long> out = new LinkedHashMap<>();
        double below = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            long inBucket = Math.round(bucket.getValue() - below);
            below = bucket.getValue();
            if (inBucket > 0) {
                String le = Double.isInfinite(bucket.getKey()) ? "+Inf" : formatMillis(bucket.getKey() * 1000);
                out.put("le " + le, inBucket);
            }
        }
        return out;
    }

    /** count, mean and p50/p95/p99 in ms (the histogram is in seconds), plus the non-empty buckets. */
    HistogramSummary summaryInMillis() {
        return new HistogramSummary(Math.round(count), count > 0 ? Report.round(sum / count * 1000, 1) : null,
                Report.round(quantile(0.50) * 1000, 1), Report.round(quantile(0.95) * 1000, 1),
                Report.round(quantile(0.99) * 1000, 1), bucketsInMillis());
    }

    private static String formatMillis(double millis) {
        return millis == Math.rint(millis) ? Long.toString((long) millis) : String.format("%.1f", millis);
    }

    private static String metricName(String line) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
            end++;
        }
        return line.substring(0, end);
    }

    /** The sample value: the first number after the labels (a timestamp may follow it). */
    private static double lastNumber(String line) {
        int labelsEnd = line.lastIndexOf('}');
        String rest = (labelsEnd >= 0 ? line.substring(labelsEnd + 1) : line.substring(metricName(line).length())).strip();
        List<String> parts = new ArrayList<>(List.of(rest.split("\\s+")));
        return parts.isEmpty() ? 0 : parseBound(parts.get(0));
    }

    private static double parseBound(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
