package io.freshet.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Query latency at the filled index size, per endpoint: report.json's "search_latency_ms" and "answer_latency_ms".
 */
record LatencyResult(Endpoint search, Endpoint answer) {

    /**
     * One endpoint at 1 and at 8 concurrent clients; its headline p50/p99 are the single client's.
     *
     * @param request the request measured, as the report describes it
     */
    record Endpoint(
            long chunks,
            String request,
            @JsonProperty("clients_1") Clients oneClient,
            Double p50,
            Double p99,
            @JsonProperty("clients_8") Clients eightClients) {

        static Endpoint of(long chunks, String request, Clients oneClient, Clients eightClients) {
            return new Endpoint(chunks, request, oneClient, oneClient.latency().p50(), oneClient.latency().p99(), eightClients);
        }
    }

    /** The requests of one concurrency: latency percentiles, throughput, and failed requests (not timed). */
    record Clients(@JsonUnwrapped LatencySummary latency, Double requestsPerS, int errors) {
    }
}
