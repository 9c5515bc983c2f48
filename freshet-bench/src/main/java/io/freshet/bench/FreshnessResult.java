package io.freshet.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

/**
 * Freshness in one condition, idle or under background load: publish of an update → its new text returned by
 * /v1/search (an entry of report.json's "freshness_ms").
 *
 * @param load              the background load; absent in the idle phase
 * @param pipelineHistogram index-service's freshness histogram over the phase; absent when it could not be scraped
 */
record FreshnessResult(
        @JsonUnwrapped LatencySummary latency,
        int timedOut,
        @JsonUnwrapped BackgroundLoad load,
        @JsonInclude(NON_NULL) HistogramSummary pipelineHistogram) {

    /** The updates of other documents sent while the loaded phase probed, and the backlog they left. */
    record BackgroundLoad(
            @JsonProperty("background_updates_per_s_target") Double updatesPerSecondTarget,
            @JsonProperty("background_updates_per_s_sent") Double updatesPerSecondSent,
            long consumerLagAtEnd) {
    }

    /**
     * report.json's "freshness_ms": the two phases (each absent when not run) and, as the headline figures, the idle
     * phase's p50/p95/p99 (absent with it).
     */
    @JsonInclude(NON_NULL)
    record Section(FreshnessResult idle, @JsonUnwrapped Headline headline, FreshnessResult loaded) {

        static Section of(FreshnessResult idle, FreshnessResult loaded) {
            Headline headline = idle == null ? null
                    : new Headline(idle.latency().p50(), idle.latency().p95(), idle.latency().p99());
            return new Section(idle, headline, loaded);
        }
    }

    /** Written even when null (no sample became searchable), as the report always has them after an idle phase. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Headline(Double p50, Double p95, Double p99) {
    }
}
