package io.freshet.infra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A secured OpenSearch for tests, the way a managed service presents one: HTTPS with a certificate of its own and
 * HTTP basic authentication, in front of a real (unsecured) OpenSearch node. Requests with the right credentials are
 * forwarded unchanged; anything else gets 401 with a Basic challenge and the body "Unauthorized", as the security
 * plugin answers. The certificate is self-signed, made by the JDK's keytool, valid for 127.0.0.1 and localhost; its
 * PEM ({@link #certificatePem()}) is what a client must trust.
 *
 * <p>Not the security plugin itself (no roles): it stands for "TLS + basic auth" only. JDK-only, like the fixtures.
 */
public final class TlsAuthProxy implements AutoCloseable {

    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Content-Type", "Accept", "Content-Encoding");
    private static final List<String> FORWARDED_RESPONSE_HEADERS = List.of("Content-Type", "Content-Encoding", "Warning");

    private final HttpsServer server;
    private final ExecutorService threads;
    private final HttpClient upstreamClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String upstream;
    private final byte[] expectedAuthorization;
    private final Path certificatePem;
    private final AtomicInteger authorized = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private TlsAuthProxy(Path dir, String upstream, String username, String password) throws Exception {
        this.upstream = upstream.endsWith("/") ? upstream.substring(0, upstream.length() - 1) : upstream;
        this.expectedAuthorization = ("Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(dir);
        char[] storePassword = "proxy-keystore".toCharArray();
        Path keyStoreFile = dir.resolve("proxy.p12");
        Files.deleteIfExists(keyStoreFile);
        generateKeyPair(keyStoreFile, storePassword);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keyStore.load(in, storePassword);
        }
        this.certificatePem = dir.resolve("proxy-ca.pem");
        Files.writeString(certificatePem, pem(keyStore.getCertificate("proxy")), StandardCharsets.US_ASCII);

        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, storePassword);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        this.threads = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "tls-auth-proxy");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a proxy on a free 127.0.0.1 port in front of {@code upstream} ("http://127.0.0.1:9200").
     *
     * @param dir where the key store and the certificate's PEM go
     */
    public static TlsAuthProxy start(Path dir, String upstream, String username, String password) {
        try {
            return new TlsAuthProxy(dir, upstream, username, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the TLS proxy", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the TLS proxy: " + e.getMessage(), e);
        }
    }

    /** "https://127.0.0.1:&lt;port&gt;". */
    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The proxy's certificate (PEM), for a client's trust store, e.g. a Spring Boot PEM SSL bundle. */
    public Path certificatePem() {
        return certificatePem;
    }

    /** Requests forwarded with the right credentials. */
    public int authorizedRequests() {
        return authorized.get();
    }

    /** Requests refused with 401. */
    public int refusedRequests() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !MessageDigest.isEqual(expectedAuthorization,
                    authorization.getBytes(StandardCharsets.UTF_8))) {
                refused.incrementAndGet();
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"OpenSearch Security\"");
                exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=UTF-8");
                send(exchange, 401, "Unauthorized".getBytes(StandardCharsets.UTF_8));
                return;
            }
            authorized.incrementAndGet();
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : FORWARDED_REQUEST_HEADERS) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    forward.header(header, value);
                }
            }
            HttpResponse<byte[]> response;
            try {
                response = upstreamClient.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                send(exchange, 502, ("upstream unreachable: " + e).getBytes(StandardCharsets.UTF_8));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (String header : FORWARDED_RESPONSE_HEADERS) {
                response.headers().allValues(header).forEach(v -> exchange.getResponseHeaders().add(header, v));
            }
            boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || response.statusCode() == 204;
            send(exchange, response.statusCode(), noBody ? null : response.body());
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** keytool, because the JDK has no public API that creates a certificate. */
    private static void generateKeyPair(Path keyStore, char[] password) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "proxy",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", new String(password), "-keypass", new String(password))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    private static String pem(Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
