package io.freshet.connectors.http;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The HTTP side of a connector's source API: JSON reads, form posts (OAuth token endpoints) and bounded downloads, with
 * every failure sorted into "ask again later" ({@link SourceUnavailableException}: unreachable, timeout, 408, 429,
 * 5xx, with the Retry-After the source sent) or "the request is wrong" ({@link SourceRefusedException}). Redirects are
 * followed by hand, at most {@value #MAX_REDIRECTS}, and the request's headers (its Authorization) go only to the origin
 * they were meant for: a pre-authenticated download URL on another host never sees the token.
 */
public final class SourceHttp {

    private static final int MAX_REDIRECTS = 5;
    private static final int ERROR_BODY_CHARS = 300;
    /** The largest JSON answer read (a page of an API, never a file): a broken or hostile server cannot fill the heap. */
    static final long MAX_JSON_BYTES = 64L * 1024 * 1024;

    private final long maxJsonBytes;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final JsonMapper mapper = JsonMapper.builder().build();

    public SourceHttp(Duration connectTimeout, Duration requestTimeout) {
        this(connectTimeout, requestTimeout, MAX_JSON_BYTES);
    }

    SourceHttp(Duration connectTimeout, Duration requestTimeout, long maxJsonBytes) {
        this.maxJsonBytes = maxJsonBytes;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = requestTimeout;
    }

    /** GET a JSON document. */
    public JsonNode getJson(URI uri, Map<String, String> headers) {
        return getJsonAnswer(uri, headers).body();
    }

    /** GET a JSON document with the response's headers (a paged API's totals, e.g. WordPress's X-WP-TotalPages). */
    public JsonAnswer getJsonAnswer(URI uri, Map<String, String> headers) {
        Answer answer;
        try {
            answer = exchange(request(uri, headers).GET().header("Accept", "application/json"), uri, headers,
                    maxJsonBytes);
        } catch (ContentTooLargeException e) {
            throw new SourceRefusedException(413, e.getMessage() + ": a JSON answer that large is not read");
        }
        return new JsonAnswer(parse(uri, answer.body()), answer.headers());
    }

    /** A JSON body and the headers it came with. */
    public record JsonAnswer(JsonNode body, HttpHeaders headers) {
    }

    private record Answer(byte[] body, HttpHeaders headers) {
    }

    /** POST an application/x-www-form-urlencoded form and read the JSON answer (e.g. an OAuth token endpoint). */
    public JsonNode postForm(URI uri, Map<String, String> form) {
        String encoded = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder builder = request(uri, Map.of())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encoded));
        try {
            return parse(uri, send(builder, uri, Map.of(), maxJsonBytes));
        } catch (ContentTooLargeException e) {
            throw new SourceRefusedException(413, e.getMessage() + ": a JSON answer that large is not read");
        }
    }

    /**
     * GET a file's bytes, following redirects.
     *
     * @throws ContentTooLargeException when the body is longer than {@code maxBytes} (the rest is not read)
     */
    public byte[] getBytes(URI uri, Map<String, String> headers, long maxBytes) {
        return send(request(uri, headers).GET(), uri, headers, maxBytes);
    }

    private HttpRequest.Builder request(URI uri, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(requestTimeout);
        headers.forEach(builder::header);
        return builder;
    }

    private byte[] send(HttpRequest.Builder builder, URI uri, Map<String, String> headers, long maxBytes) {
        return exchange(builder, uri, headers, maxBytes).body();
    }

    private Answer exchange(HttpRequest.Builder builder, URI uri, Map<String, String> headers, long maxBytes) {
        URI current = uri;
        HttpRequest request = builder.build();
        for (int redirects = 0; ; redirects++) {
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new SourceUnavailableException(describe(current) + " could not be reached: " + e, null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceUnavailableException("interrupted while asking " + describe(current), null, e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                String location = response.headers().firstValue("Location").orElse(null);
                close(response);
                if (location == null || redirects >= MAX_REDIRECTS) {
                    throw new SourceRefusedException(status, describe(current) + " redirected "
                            + (location == null ? "without a Location" : "more than " + MAX_REDIRECTS + " times"));
                }
                URI next = current.resolve(location);
                boolean sameOrigin = sameOrigin(uri, next);
                HttpRequest.Builder follow = HttpRequest.newBuilder(next).timeout(requestTimeout).GET();
                if (sameOrigin) {
                    headers.forEach(follow::header);
                }
                request = follow.build();
                current = next;
                continue;
            }
            if (status >= 200 && status < 300) {
                return new Answer(readBounded(response, current, maxBytes), response.headers());
            }
            String body = errorBody(response);
            String message = describe(current) + " answered " + status + (body.isEmpty() ? "" : ": " + body);
            if (status == 408 || status == 429 || status >= 500) {
                throw new SourceUnavailableException(message, retryAfter(response), null);
            }
            throw new SourceRefusedException(status, message);
        }
    }

    private JsonNode parse(URI uri, byte[] body) {
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            // A proxy's HTML error page with a 200: the source is not answering properly now.
            throw new SourceUnavailableException(describe(uri) + " did not answer JSON: " + e.getOriginalMessage(), null, e);
        }
    }

    private static byte[] readBounded(HttpResponse<InputStream> response, URI uri, long maxBytes) {
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (InputStream in = response.body()) {
            if (declared > maxBytes) {
                throw new ContentTooLargeException(describe(uri) + " is " + declared + " bytes, over " + maxBytes);
            }
            // One byte beyond the limit tells "over" from "exactly at"; arrays end below Integer.MAX_VALUE.
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16L, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new ContentTooLargeException(describe(uri) + " is over " + maxBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new SourceUnavailableException("reading " + describe(uri) + " failed: " + e, null, e);
        }
    }

    private static String errorBody(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            String text = new String(in.readNBytes(ERROR_BODY_CHARS), StandardCharsets.UTF_8);
            return text.replaceAll("\\p{Cntrl}", " ").strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // The connection is dropped either way.
        }
    }

    /** Retry-After as seconds or an HTTP date (RFC 9110). */
    static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration left = Duration.between(Instant.now(), at);
                return left.isNegative() ? Duration.ZERO : left;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
                && Objects.equals(lower(a.getHost()), lower(b.getHost()))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** The URI without its query: delta tokens and signatures in query strings stay out of logs. */
    static String describe(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
