package io.freshet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of the cost curve and the soak (issue 11), kept apart from {@link BenchOptions} so its options
 * live in one place.
 *
 * @param curveSizes     index sizes (chunks) the curve measures at, ascending
 * @param curveRequests  /v1/search requests per concurrency (1, 8, 32 clients) at each size
 * @param curveDocuments corpus documents (under new ids) whose ingestion is timed at each size
 * @param soakMinutes    how long the soak publishes and queries
 * @param soakRate       updates per second; null: {@link #SOAK_SHARE} of the measured ingestion rate
 * @param soakQueryRate  hybrid /v1/search requests per second during the soak
 * @param bucketSeconds  the soak's report rows: a minute, 10 s in the smoke run (which lasts well under a minute)
 */
record ScaleOptions(List<Long> curveSizes, int curveRequests, int curveDocuments, double soakMinutes, Double soakRate,
                    double soakQueryRate, int bucketSeconds) {

    /** The options this record reads (each takes a value). */
    static final Set<String> NAMES = Set.of("--curve-sizes", "--curve-requests", "--curve-documents", "--soak-minutes",
            "--soak-rate", "--soak-query-rate");
    /** The soak's default update rate as a share of the measured ingestion rate. */
    static final double SOAK_SHARE = 0.5;
    /** Concurrent clients the curve measures /v1/search with. */
    static final List<Integer> CLIENTS = List.of(1, 8, 32);

    static final String DEFAULT_SIZES = "10000,100000,500000";
    static final String SMOKE_SIZES = "2000,5000";

    static final String USAGE = """
              --curve-sizes LIST       index sizes in chunks for the cost curve (default %s; smoke %s; 1000000
                                       fits, it takes longer, see docs/benchmarks.md)
              --curve-requests N       /v1/search requests per concurrency (1, 8, 32 clients) at each size (default 200)
              --curve-documents N      corpus documents (new ids) whose ingestion is timed at each size (default 300)
              --soak-minutes M         soak duration (default 10; smoke 0.5)
              --soak-rate R            soak updates per second (default: half the measured ingestion rate)
              --soak-query-rate Q      soak /v1/search requests per second (default 3)
            """.formatted(DEFAULT_SIZES, SMOKE_SIZES);

    static ScaleOptions of(Map<String, String> values, boolean smoke) {
        String rate = values.get("--soak-rate");
        ScaleOptions options = new ScaleOptions(
                sizes(values.getOrDefault("--curve-sizes", smoke ? SMOKE_SIZES : DEFAULT_SIZES)),
                Integer.parseInt(values.getOrDefault("--curve-requests", smoke ? "64" : "200")),
                Integer.parseInt(values.getOrDefault("--curve-documents", smoke ? "40" : "300")),
                Double.parseDouble(values.getOrDefault("--soak-minutes", smoke ? "0.5" : "10")),
                rate == null ? null : Double.valueOf(rate),
                Double.parseDouble(values.getOrDefault("--soak-query-rate", "3")),
                smoke ? 10 : 60);
        if (options.curveRequests() < 1 || options.curveDocuments() < 1 || !(options.soakMinutes() > 0)
                || !(options.soakQueryRate() > 0) || (options.soakRate() != null && !(options.soakRate() > 0))) {
            throw new BenchOptions.UsageException("the curve's requests and documents, and the soak's minutes and rates, "
                    + "must be positive");
        }
        return options;
    }

    /** Comma-separated chunk counts, e.g. 10000,100000 or 10k,1M; sorted ascending, duplicates dropped. */
    static List<Long> sizes(String list) {
        List<Long> sizes = new ArrayList<>();
        for (String part : list.split(",")) {
            String s = part.strip().toLowerCase();
            long scale = s.endsWith("k") ? 1_000 : s.endsWith("m") ? 1_000_000 : 1;
            String digits = scale == 1 ? s : s.substring(0, s.length() - 1);
            long size;
            try {
                size = Math.round(Double.parseDouble(digits) * scale);
            } catch (NumberFormatException e) {
                throw new BenchOptions.UsageException("--curve-sizes: not a size '" + part + "'");
            }
            if (size <= 0) {
                throw new BenchOptions.UsageException("--curve-sizes: sizes must be positive, got '" + part + "'");
            }
            sizes.add(size);
        }
        return sizes.stream().distinct().sorted().toList();
    }
}
