package io.freshet.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP/1.1 with the JDK client: enough for the services' API and OpenSearch's REST API. */
public final class JsonHttp {

    /** A response: its status and its body (parsed when it is JSON). */
    public record Reply(int status, String body, JsonNode json) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final Duration timeout;

    public JsonHttp(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public Reply post(String url, Object body) {
        return send(postRequest(url, body).build());
    }

    /** A POST with an Authorization header, e.g. {@code Bearer <token>}. */
    public Reply post(String url, Object body, String authorization) {
        return send(postRequest(url, body).header("Authorization", authorization).build());
    }

    private HttpRequest.Builder postRequest(String url, Object body) {
        String json = body instanceof String s ? s : JSON.writeValueAsString(body);
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    public Reply delete(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).DELETE().build());
    }

    public Reply put(String url, Object body) {
        String json = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Reply get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build());
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = null;
            String trimmed = body == null ? "" : body.stripLeading();
            if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                try {
                    json = JSON.readTree(body);
                } catch (RuntimeException e) {
                    json = null; // not JSON after all: callers look at the status and the raw body
                }
            }
            return new Reply(response.statusCode(), body, json);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }
}
