package io.freshet.query.api;

import io.freshet.query.retrieval.SearchMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.function.Supplier;

/**
 * Latency of /v1/search and /v1/answer by retrieval mode, time to a streamed answer's first token, and answers that
 * fell back from the model to the extractive answerer, by reason.
 */
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

    /** Time from a streamed answer's request to its first token (retrieval included). */
    void firstToken(long nanos, String mode) {
        Timer.builder("freshet.answer.first.token")
                .description("Time from a streamed answer's request to its first token, retrieval included")
                .tag("mode", mode)
                .publishPercentileHistogram()
                .register(registry)
                .record(java.time.Duration.ofNanos(nanos));
    }

    /** An answer the model did not write (timeout, rate_limited, server_error, breaker_open, ...). */
    public void fallback(String reason) {
        registry.counter("freshet.answer.fallbacks", "reason", reason).increment();
    }
}
