package io.freshet.bench;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * One streamed answer ({@code POST /v1/answer/stream}) read line by line as it arrives, timing the first complete
 * {@code token} event on the client's side and keeping the {@code done} event (its server-side time to first token).
 */
final class AnswerStream {

    /**
     * @param firstTokenMs from sending the request to the first whole {@code token} event; null without one
     * @param done         the {@code done} event's data; null when the stream ended without it
     */
    record Result(int status, Double firstTokenMs, JsonNode done) {
        boolean ok() {
            return status >= 200 && status < 300 && done != null;
        }
    }

    /** One Server-Sent Event: its name ("message" when unnamed) and its data lines joined by newlines. */
    record Event(String name, String data) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration timeout;

    AnswerStream(Duration timeout) {
        this.timeout = timeout;
    }

    Result post(String url, Object body, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(JsonHttp.JSON.writeValueAsString(body))).build();
        long start = System.nanoTime();
        try {
            HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
            Double firstTokenMs = null;
            JsonNode done = null;
            Parser parser = new Parser();
            try (Stream<String> lines = response.body()) {
                for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                    Event event = parser.accept(it.next());
                    if (event == null) {
                        continue;
                    }
                    if (event.name().equals("token") && firstTokenMs == null) {
                        firstTokenMs = (System.nanoTime() - start) / 1e6;
                    } else if (event.name().equals("done")) {
                        done = JsonHttp.JSON.readTree(event.data());
                    }
                }
            }
            return new Result(response.statusCode(), firstTokenMs, done);
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during POST " + url, e);
        }
    }

    /** Lines of a text/event-stream in, whole events out (an event ends at a blank line), per the SSE format. */
    static final class Parser {

        private String name;
        private StringBuilder data;

        /** The event that {@code line} completes, else null. */
        Event accept(String line) {
            if (line.isEmpty()) {
                Event event = data == null ? null : new Event(name == null ? "message" : name, data.toString());
                name = null;
                data = null;
                return event;
            }
            if (line.startsWith(":")) {
                return null; // a comment, e.g. a keep-alive
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                name = value;
            } else if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
            return null;
        }
    }
}
