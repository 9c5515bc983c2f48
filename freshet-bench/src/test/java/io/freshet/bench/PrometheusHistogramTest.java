package io.freshet.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PrometheusHistogramTest {

    private static final String SCRAPE_1 = """
            # HELP freshet_index_freshness_seconds Time from the change at the source to its write
            # TYPE freshet_index_freshness_seconds histogram
            freshet_index_freshness_seconds_bucket{le="0.1"} 10
            freshet_index_freshness_seconds_bucket{le="0.5"} 30
            freshet_index_freshness_seconds_bucket{le="1.0"} 40
            freshet_index_freshness_seconds_bucket{le="+Inf"} 40
            freshet_index_freshness_seconds_count 40
            freshet_index_freshness_seconds_sum 12.0
            # HELP freshet_index_freshness_seconds_max
            freshet_index_freshness_seconds_max 0.9
            freshet_index_events_total{outcome="indexed"} 40.0
            """;

    private static final String SCRAPE_2 = """
            freshet_index_freshness_seconds_bucket{le="0.1"} 10
            freshet_index_freshness_seconds_bucket{le="0.5"} 30
            freshet_index_freshness_seconds_bucket{le="1.0"} 130
            freshet_index_freshness_seconds_bucket{le="+Inf"} 140
            freshet_index_freshness_seconds_count 140
            freshet_index_freshness_seconds_sum 112.0
            """;

    @Test
    void readsBucketsCountAndSum() {
        PrometheusHistogram h = PrometheusHistogram.parse(SCRAPE_1, "freshet_index_freshness_seconds");
        assertThat(h.count()).isEqualTo(40);
        assertThat(h.sum()).isEqualTo(12.0);
        assertThat(h.cumulative()).hasSize(4);
    }

    @Test
    void interpolatesQuantilesWithinBucketsLikeHistogramQuantile() {
        PrometheusHistogram h = PrometheusHistogram.parse(SCRAPE_1, "freshet_index_freshness_seconds");
        // rank 20 of 40 lies halfway through the (0.1, 0.5] bucket (observations 11..30)
        assertThat(h.quantile(0.5)).isCloseTo(0.3, within(1e-9));
        // rank 4 of 40 in the first bucket, from 0
        assertThat(h.quantile(0.1)).isCloseTo(0.04, within(1e-9));
    }

    @Test
    void aPhaseIsTheDifferenceOfTwoScrapes() {
        PrometheusHistogram before = PrometheusHistogram.parse(SCRAPE_1, "freshet_index_freshness_seconds");
        PrometheusHistogram phase = PrometheusHistogram.parse(SCRAPE_2, "freshet_index_freshness_seconds").minus(before);
        assertThat(phase.count()).isEqualTo(100);
        assertThat(phase.sum()).isEqualTo(100.0);
        // 90 observations in (0.5, 1.0], 10 above 1.0: the median is inside (0.5, 1.0], the p99 beyond the last bound
        assertThat(phase.quantile(0.5)).isCloseTo(0.5 + 0.5 * 50 / 90, within(1e-9));
        assertThat(phase.quantile(0.99)).isEqualTo(1.0);
        assertThat(phase.bucketsInMillis()).containsExactly(
                org.assertj.core.api.Assertions.entry("le 1000", 90L), org.assertj.core.api.Assertions.entry("le +Inf", 10L));
    }

    @Test
    void anAbsentHistogramIsEmpty() {
        PrometheusHistogram h = PrometheusHistogram.parse("other_metric 1\n", "freshet_index_freshness_seconds");
        assertThat(h.count()).isZero();
        assertThat(h.quantile(0.5)).isNaN();
    }
}
