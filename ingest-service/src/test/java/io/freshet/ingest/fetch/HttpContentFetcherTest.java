package io.freshet.ingest.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.freshet.contract.failure.TransientFailureException;
import io.freshet.ingest.change.ContentFetcher.FetchedContent;
import io.freshet.ingest.extraction.ExtractionRejectedException;
import io.freshet.ingest.extraction.RejectionKind;
import io.github.resilience4j.retry.Retry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fetcher against a real HTTP server on 127.0.0.1: policy at every hop, limits, failure classes. */
class HttpContentFetcherTest {

    private static final String TEXT = "Quarterly numbers are up.";
    private static final FetchLimits LIMITS = new FetchLimits(1024, Duration.ofSeconds(2), Duration.ofSeconds(2), 3, 3,
            Duration.ofMillis(20));

    private static HttpServer server;
    /** Another service on the same host (an OpenSearch on :9200): allowing the host must not open it. */
    private static HttpServer neighbour;
    private static ExecutorService handlers;
    private static int port;
    private static final AtomicInteger neighbourHits = new AtomicInteger();
    private static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        port = server.getAddress().getPort();
        neighbour = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        neighbour.createContext("/", exchange -> {
            neighbourHits.incrementAndGet();
            send(exchange, 200, "{\"hits\": \"a private chunk\"}", true);
            exchange.close();
        });
        neighbour.start();
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers); // the slow handler must not hold up the others
        route("/doc.txt", exchange -> send(exchange, 200, TEXT, true));
        route("/big", exchange -> send(exchange, 200, "x".repeat(4096), true));
        route("/big-chunked", exchange -> send(exchange, 200, "x".repeat(4096), false));
        route("/missing", exchange -> send(exchange, 404, "no such document", true));
        route("/flaky", exchange -> send(exchange, hits.get("/flaky").get() == 1 ? 503 : 200, TEXT, true));
        route("/down", exchange -> send(exchange, 503, "down", true));
        route("/busy", exchange -> send(exchange, 429, "slow down", true));
        route("/slow", exchange -> {
            sleep(Duration.ofSeconds(4));
            send(exchange, 200, TEXT, true);
        });
        route("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                for (int i = 0; i < 40; i++) {
                    body.write('x');
                    body.flush();
                    sleep(Duration.ofMillis(100));
                }
            }
        });
        redirect("/to-relative", "/doc.txt");
        redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
        redirect("/to-metadata-name", "http://metadata.test/latest/meta-data/");
        redirect("/to-localhost", "http://localhost:" + 1 + "/doc.txt");
        redirect("/to-ipv6-loopback", "http://[::1]:" + 1 + "/doc.txt");
        redirect("/to-file", "file:///etc/passwd");
        redirect("/to-other-host", "https://elsewhere.example.org/doc.txt");
        redirect("/loop", "/loop");
        redirect("/to-neighbour", "http://127.0.0.1:" + neighbour.getAddress().getPort() + "/freshet-chunks/_search");
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
        neighbour.stop(0);
        handlers.shutdownNow();
    }

    @BeforeEach
    void resetCounts() {
        hits.values().forEach(count -> count.set(0));
        neighbourHits.set(0);
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static void route(String path, Handler handler) {
        hits.put(path, new AtomicInteger());
        server.createContext(path, exchange -> {
            hits.get(path).incrementAndGet();
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
    }

    private static void redirect(String path, String location) {
        route(path, exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
        });
    }

    private static void send(HttpExchange exchange, int status, String body, boolean withLength) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=UTF-8");
        exchange.sendResponseHeaders(status, withLength ? bytes.length : 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGone) {
            // the fetcher hung up (size limit, timeout): expected in those tests
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** metadata.test is a name that resolves to the cloud metadata address; every other name resolves normally. */
    private static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.equals("metadata.test")) {
            return new InetAddress[] {InetAddress.getByName("169.254.169.254")};
        }
        return InetAddress.getAllByName(host);
    }

    private static HttpContentFetcher fetcher(List<String> allowed, List<String> allowedPrivate, FetchLimits limits) {
        return new HttpContentFetcher(new FetchPolicy(allowed, allowedPrivate), limits,
                Retry.of("test-fetch", limits.retryConfig()), HttpContentFetcherTest::resolve);
    }

    /** 127.0.0.1 (this server's port) allowed as a private origin, plus the public-only ones the redirects lead to. */
    private static HttpContentFetcher local() {
        return fetcher(List.of("localhost:1", "169.254.169.254", "metadata.test", "[::1]:1"), List.of("127.0.0.1:" + port),
                LIMITS);
    }

    private static void assertRejected(HttpContentFetcher fetcher, String url, RejectionKind kind, String reason) {
        assertThatThrownBy(() -> fetcher.fetch(url))
                .isInstanceOfSatisfying(ExtractionRejectedException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(reason);
    }

    @Test
    void fetchesFromAHostAllowlistedAsPrivate() {
        try (HttpContentFetcher fetcher = local()) {
            FetchedContent content = fetcher.fetch(url("/doc.txt"));

            assertThat(new String(content.bytes(), StandardCharsets.UTF_8)).isEqualTo(TEXT);
            assertThat(content.contentType()).isEqualTo("text/plain; charset=UTF-8");
            assertThat(new String(fetcher.fetch(url("/to-relative")).bytes(), StandardCharsets.UTF_8)).isEqualTo(TEXT);
        }
    }

    @Test
    void loopbackIsRefusedUnlessAllowlistedAsPrivate() {
        try (HttpContentFetcher publicOnly = fetcher(List.of("127.0.0.1:" + port, "localhost:" + port), List.of(), LIMITS)) {
            assertRejected(publicOnly, url("/doc.txt"), RejectionKind.FETCH_REFUSED, "fetch refused: 127.0.0.1 is loopback");
            // A name that resolves to loopback is no way around it.
            assertThatThrownBy(() -> publicOnly.fetch("http://localhost:" + port + "/doc.txt"))
                    .isInstanceOf(ExtractionRejectedException.class)
                    .hasMessageStartingWith("fetch refused: localhost resolves to ")
                    .hasMessageEndingWith(", which is loopback");
        }
        try (HttpContentFetcher localhostAllowed = fetcher(List.of(), List.of("localhost:" + port), LIMITS)) {
            assertThat(localhostAllowed.fetch("http://localhost:" + port + "/doc.txt").bytes()).asString(StandardCharsets.UTF_8)
                    .isEqualTo(TEXT);
        }
        assertThat(hits.get("/doc.txt").get()).isEqualTo(1); // the refused ones never connected
    }

    @Test
    void redirectsAreVettedAtEveryHop() {
        try (HttpContentFetcher fetcher = local()) {
            assertRejected(fetcher, url("/to-metadata"), RejectionKind.FETCH_REFUSED, "fetch refused: 169.254.169.254 is link-local");
            assertRejected(fetcher, url("/to-metadata-name"), RejectionKind.FETCH_REFUSED,
                    "fetch refused: metadata.test resolves to 169.254.169.254, which is link-local");
            assertRejected(fetcher, url("/to-ipv6-loopback"), RejectionKind.FETCH_REFUSED, "fetch refused: ::1 is loopback");
            assertThatThrownBy(() -> fetcher.fetch(url("/to-localhost")))
                    .isInstanceOf(ExtractionRejectedException.class)
                    .hasMessageStartingWith("fetch refused: localhost resolves to ").hasMessageEndingWith(", which is loopback");
            assertRejected(fetcher, url("/to-file"), RejectionKind.FETCH_REFUSED,
                    "fetch refused: scheme 'file' is not fetched (http or https only)");
            assertRejected(fetcher, url("/to-other-host"), RejectionKind.FETCH_REFUSED,
                    "fetch refused: host elsewhere.example.org is not in freshet.ingest.fetch.allowed-hosts");
            assertRejected(fetcher, url("/loop"), RejectionKind.FETCH_FAILED,
                    "fetch failed: more than 3 redirects from http://127.0.0.1:" + port + "/loop");
            assertThat(hits.get("/loop").get()).isEqualTo(4);
        }
    }

    @Test
    void aBodyOverTheLimitIsRejectedAsTooLarge() {
        try (HttpContentFetcher fetcher = local()) {
            assertRejected(fetcher, url("/big"), RejectionKind.TOO_LARGE, "too large: 4 KB over the 1 KB limit");
            assertRejected(fetcher, url("/big-chunked"), RejectionKind.TOO_LARGE,
                    "too large: over the 1 KB limit (the download was stopped there)");
        }
    }

    @Test
    void clientErrorsAreFinalAtOnce() {
        try (HttpContentFetcher fetcher = local()) {
            assertRejected(fetcher, url("/missing"), RejectionKind.FETCH_FAILED, "fetch failed: HTTP 404");
            assertThat(hits.get("/missing").get()).isEqualTo(1);
        }
    }

    @Test
    void aServerErrorIsRetriedAndMaySucceed() {
        try (HttpContentFetcher fetcher = local()) {
            assertThat(fetcher.fetch(url("/flaky")).bytes()).asString(StandardCharsets.UTF_8).isEqualTo(TEXT);
            assertThat(hits.get("/flaky").get()).isEqualTo(2);
        }
    }

    @Test
    void persistentServerErrorsAndThrottlingAreTransientAfterTheAttempts() {
        try (HttpContentFetcher fetcher = local()) {
            assertThatThrownBy(() -> fetcher.fetch(url("/down")))
                    .isInstanceOf(TransientFailureException.class)
                    .hasMessage("fetching http://127.0.0.1:" + port + "/down failed 3 time(s), last: HTTP 503 from http://127.0.0.1:"
                            + port + "/down");
            assertThat(hits.get("/down").get()).isEqualTo(3);
            assertThatThrownBy(() -> fetcher.fetch(url("/busy"))).isInstanceOf(TransientFailureException.class)
                    .hasMessageContaining("HTTP 429");
        }
    }

    @Test
    void aSlowServerTimesOutAndIsTransient() {
        FetchLimits impatient = new FetchLimits(1024, Duration.ofSeconds(1), Duration.ofMillis(500), 3, 2, Duration.ofMillis(10));
        try (HttpContentFetcher fetcher = fetcher(List.of(), List.of("127.0.0.1:" + port), impatient)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> fetcher.fetch(url("/slow")))
                    .isInstanceOf(TransientFailureException.class)
                    .hasMessageEndingWith("last: timed out: no complete response within 500 ms");
            assertThat(hits.get("/slow").get()).isEqualTo(2);
            // A body trickled byte by byte is cut off by the same deadline, not by the per-read timeout.
            assertThatThrownBy(() -> fetcher.fetch(url("/trickle"))).isInstanceOf(TransientFailureException.class)
                    .hasMessageEndingWith("last: timed out: no complete response within 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void aRefusedConnectionIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        try (HttpContentFetcher fetcher = fetcher(List.of(), List.of("127.0.0.1:" + closedPort), LIMITS)) {
            assertThatThrownBy(() -> fetcher.fetch("http://127.0.0.1:" + closedPort + "/doc.txt"))
                    .isInstanceOf(TransientFailureException.class)
                    .hasMessageStartingWith("fetching http://127.0.0.1:" + closedPort + "/doc.txt failed 3 time(s), last: ")
                    .hasMessageContaining("Connect");
        }
    }

    @Test
    void anAllowedHostOpensOnlyTheAllowedPortAlsoAfterARedirect() {
        String neighbourUrl = "http://127.0.0.1:" + neighbour.getAddress().getPort() + "/freshet-chunks/_search";
        String refusal = "fetch refused: http://127.0.0.1:" + neighbour.getAddress().getPort()
                + " is not in freshet.ingest.fetch.allowed-hosts (an entry without a port allows only the scheme's default port)";
        try (HttpContentFetcher fetcher = local()) {
            assertRejected(fetcher, neighbourUrl, RejectionKind.FETCH_REFUSED, refusal);
            assertRejected(fetcher, url("/to-neighbour"), RejectionKind.FETCH_REFUSED, refusal);
        }
        try (HttpContentFetcher defaultPortOnly = fetcher(List.of(), List.of("127.0.0.1"), LIMITS)) {
            assertRejected(defaultPortOnly, url("/doc.txt"), RejectionKind.FETCH_REFUSED, "fetch refused: http://127.0.0.1:"
                    + port + " is not in freshet.ingest.fetch.allowed-hosts (an entry without a port allows only the scheme's default port)");
        }
        assertThat(neighbourHits.get()).isZero();
        assertThat(hits.get("/to-neighbour").get()).isEqualTo(1);
        assertThat(hits.get("/doc.txt").get()).isZero();
    }

    @Test
    void theFirstUriIsVettedToo() {
        try (HttpContentFetcher fetcher = local()) {
            assertRejected(fetcher, "http://user:pw@127.0.0.1:" + port + "/doc.txt", RejectionKind.FETCH_REFUSED,
                    "fetch refused: credentials in the URI are not accepted");
            assertRejected(fetcher, "gopher://127.0.0.1/x", RejectionKind.FETCH_REFUSED,
                    "fetch refused: scheme 'gopher' is not fetched (http or https only)");
            assertRejected(fetcher, "http://127.0.0.1:" + port + "/a b", RejectionKind.FETCH_REFUSED,
                    "fetch refused: not a valid URI (Illegal character in path)");
        }
        assertThat(hits.get("/doc.txt").get()).isZero();
    }
}
