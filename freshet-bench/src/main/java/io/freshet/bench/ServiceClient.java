package io.freshet.bench;

import io.freshet.infra.RenewingToken;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The bench's HTTP calls to the running services: query-service's API, as a user with a bearer token (minted ahead,
 * not per request, so signing stays out of the timed searches), and index-service's metrics.
 */
final class ServiceClient {

    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(60));
    private final AnswerStream stream = new AnswerStream(Duration.ofSeconds(120));
    private final String queryUrl;
    private final String indexServiceUrl;
    private final RenewingToken user;
    private final Consumer<String> say;

    ServiceClient(String queryUrl, String indexServiceUrl, RenewingToken user, Consumer<String> say) {
        this.queryUrl = queryUrl;
        this.indexServiceUrl = indexServiceUrl;
        this.user = user;
        this.say = say;
    }

    JsonHttp.Reply search(Map<String, Object> body) {
        return http.post(queryUrl + "/v1/search", body, user.header());
    }

    /** A search without a token: query-service reads public documents for it (the bench turns that on). */
    JsonHttp.Reply searchAnonymously(Map<String, Object> body) {
        return http.post(queryUrl + "/v1/search", body);
    }

    JsonHttp.Reply answer(Map<String, Object> body) {
        return http.post(queryUrl + "/v1/answer", body, user.header());
    }

    /** A streamed answer, read as it arrives: its time to the first token event and its done event. */
    AnswerStream.Result answerStream(Map<String, Object> body) {
        return stream.post(queryUrl + "/v1/answer/stream", body, user.header());
    }

    /** A search's reply, or null when the request failed outright (counted by the caller, not fatal). */
    JsonHttp.Reply searchOrNull(Map<String, Object> body) {
        try {
            return search(body);
        } catch (RuntimeException e) {
            say.accept("  search failed: " + e.getMessage());
            return null;
        }
    }

    /** index-service's freshet_index_freshness_seconds as of now, or null when it cannot be scraped. */
    PrometheusHistogram freshnessHistogram() {
        try {
            JsonHttp.Reply reply = http.get(indexServiceUrl + "/actuator/prometheus");
            return reply.ok() ? PrometheusHistogram.parse(reply.body(), "freshet_index_freshness_seconds") : null;
        } catch (RuntimeException e) {
            say.accept("  could not scrape index-service's /actuator/prometheus: " + e.getMessage());
            return null;
        }
    }

    /** What the histogram observed since {@code before}, or null when either scrape failed. */
    static HistogramSummary observedSince(PrometheusHistogram before, PrometheusHistogram after) {
        return before != null && after != null ? after.minus(before).summaryInMillis() : null;
    }
}
