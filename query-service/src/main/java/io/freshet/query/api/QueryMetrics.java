package io.freshet.query.api;

import io.freshet.query.retrieval.SearchMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.function.Supplier;

/** Latency of /v1/search and /v1/answer, by retrieval mode, with histogram buckets for percentiles. */
public class QueryMetrics {

    private final MeterRegistry registry;

    public QueryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    <T> T time(String endpoint, SearchMode mode, Supplier<T> work) {
        return Timer.builder("freshet.query.latency")
                .description("Time to serve a search or an answer, embedding of the query included")
                .tag("endpoint", endpoint)
                .tag("mode", mode.wireName())
                .publishPercentileHistogram()
                .register(registry)
                .record(work);
    }
}
