package io.freshet.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The two calls {@code ./freshet up} makes to query-service, each with a user token of the launcher's own. A service
 * that does not answer, or answers other than 200, gives an empty result: the caller decides whether to wait or
 * fall back.
 */
final class QueryClient {

    static final String QUERY = "http://127.0.0.1:8080";
    /** Any search that the published documents answer with their best hit. */
    private static final String ONE_HIT_SEARCH = "{\"query\": \"document\", \"topK\": 1}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Supplier<String> token;

    /** @param token the bearer token to send, asked for before every request */
    QueryClient(Supplier<String> token) {
        this.token = token;
    }

    /** The body of GET /v1/documents/{id} when it answers 200. */
    Optional<String> documentStatus(String id) {
        return ok(HttpRequest.newBuilder(URI.create(QUERY + "/v1/documents/" + DirectoryPublisher.pathSegment(id)))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token.get()).GET().build());
    }

    /** The body of a one-hit POST /v1/search when it answers 200. */
    Optional<String> searchOneHit() {
        return ok(HttpRequest.newBuilder(URI.create(QUERY + "/v1/search"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token.get())
                .POST(HttpRequest.BodyPublishers.ofString(ONE_HIT_SEARCH)).build());
    }

    private Optional<String> ok(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.ofNullable(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
