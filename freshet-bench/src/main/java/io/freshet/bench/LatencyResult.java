package io.freshet.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Query latency at the filled index size, per endpoint: report.json's "search_latency_ms" and "answer_latency_ms".
 */
record LatencyResult(Endpoint search, Endpoint answer, Authentication authentication) {

    /**
     * What authentication costs a search: the same hybrid searches, one client, alternately with a bearer token
     * (validated: RS256 signature, claims) and anonymously (query-service runs with anonymous public reads in the bench,
     * and the corpus is public, so both find the same passages).
     *
     * @param p50OverheadMs token p50 minus anonymous p50
     */
    record Authentication(String request, LatencySummary withToken, LatencySummary anonymous, Double p50OverheadMs) {

        static Authentication of(String request, LatencySummary withToken, LatencySummary anonymous) {
            Double overhead = withToken.p50() == null || anonymous.p50() == null ? null
                    : Report.round(withToken.p50() - anonymous.p50(), 2);
            return new Authentication(request, withToken, anonymous, overhead);
        }
    }

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
