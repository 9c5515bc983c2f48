package io.freshet.connectors.http;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SourceHttp against real HTTP servers on 127.0.0.1: two, for a redirect to another origin. */
class SourceHttpTest {

    private HttpServer source;
    private HttpServer elsewhere;
    private final List<String> authorizationSeenElsewhere = new CopyOnWriteArrayList<>();
    private final SourceHttp http = new SourceHttp(Duration.ofSeconds(2), Duration.ofSeconds(5), 1_000);

    @BeforeEach
    void start() throws IOException {
        elsewhere = server();
        elsewhere.createContext("/file", exchange -> {
            authorizationSeenElsewhere.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            respond(exchange, 200, "the bytes");
        });
        source = server();
        source.createContext("/big", exchange -> respond(exchange, 200, "[" + "1,".repeat(1_000) + "1]"));
        source.createContext("/throttled", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "7");
            respond(exchange, 429, "{\"error\":\"slow down\"}");
        });
        source.createContext("/refused", exchange -> respond(exchange, 403, "{\"error\":\"no\"}"));
        source.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/file");
            respond(exchange, 302, "");
        });
        source.start();
        elsewhere.start();
    }

    @AfterEach
    void stop() {
        source.stop(0);
        elsewhere.stop(0);
    }

    @Test
    void aJsonAnswerOverTheLimitIsRefusedNotRead() {
        assertThatThrownBy(() -> http.getJson(uri("/big"), Map.of()))
                .isInstanceOf(SourceRefusedException.class)
                .hasMessageContaining("not read");
    }

    @Test
    void throttlingIsRetryLaterWithTheSourcesRetryAfterAndARefusalKeepsItsStatus() {
        assertThatThrownBy(() -> http.getJson(uri("/throttled"), Map.of()))
                .isInstanceOfSatisfying(SourceUnavailableException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        assertThatThrownBy(() -> http.getJson(uri("/refused"), Map.of()))
                .isInstanceOfSatisfying(SourceRefusedException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void aRedirectToAnotherOriginDoesNotCarryTheToken() {
        byte[] bytes = http.getBytes(uri("/moved"), Map.of("Authorization", "Bearer secret"), 100);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("the bytes");
        assertThat(authorizationSeenElsewhere).containsExactly("null");
    }

    @Test
    void anUnreachableSourceIsRetryLater() throws IOException {
        HttpServer gone = server();
        int port = gone.getAddress().getPort();
        gone.stop(0);

        assertThatThrownBy(() -> http.getJson(URI.create("http://127.0.0.1:" + port + "/x?token=secret"), Map.of()))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessageNotContaining("secret");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + source.getAddress().getPort() + path);
    }

    private static HttpServer server() throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
