package io.freshet.ingest;

import com.sun.net.httpserver.HttpServer;
import io.freshet.contract.event.Acl;
import io.freshet.contract.event.Content;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.Operation;
import io.freshet.contract.event.Topics;
import io.freshet.infra.EngineFixture;
import io.freshet.infra.LocalTokenIssuer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One application for every intake test (so one Kafka consumer group, one set of meters): a real broker
 * (EngineFixture), a real OIDC issuer on loopback (LocalTokenIssuer) whose JWKS the service fetches, an API key file
 * the tests rewrite, and a file server for content by reference. Subclasses must not add configuration, or Spring
 * would start a second application competing for the same consumer group.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "freshet.ingest.consumer-group=ingest-service-it",
        "management.server.port=0",
        "freshet.kafka.transient-retry-start=200ms",
        "freshet.ingest.fetch.allowed-hosts=169.254.169.254"})
@AutoConfigureMetrics
abstract class IntakeIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    /** The connector the functional tests post as, granted the one source their documents carry. */
    static final String SOURCE = "it";
    /** The status index the intake checks versions against; tests write records into it as index-service would. */
    static final String STATUS_INDEX = "it-ingest-status-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    static LocalTokenIssuer issuer;
    static Path apiKeys;
    static HttpServer files;
    private static TopicRecorder topics;

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) throws Exception {
        registry.add("spring.kafka.bootstrap-servers", () -> EngineFixture.shared().kafkaBootstrapServers());
        registry.add("freshet.opensearch.url", () -> EngineFixture.shared().openSearchUrl());
        registry.add("freshet.opensearch.status-index", () -> STATUS_INDEX);
        startOnce();
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer::jwkSetUri);
        registry.add("freshet.intake.api-keys-file", apiKeys::toString);
        // The test's file server runs on loopback, so its origin (with its port) must be allowlisted as private.
        registry.add("freshet.ingest.fetch.allowed-private-hosts", () -> "127.0.0.1:" + files.getAddress().getPort());
    }

    private static synchronized void startOnce() throws Exception {
        if (issuer != null) {
            return;
        }
        issuer = LocalTokenIssuer.start(Files.createTempDirectory("freshet-issuer"), 0);
        apiKeys = Files.createTempDirectory("freshet-keys").resolve("intake-api-keys");
        writeApiKeys("# no keys yet\n");
        files = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        files.createContext("/docs/testPDF.pdf", exchange -> {
            byte[] pdf = TestDocuments.bytes("testPDF.pdf");
            exchange.getResponseHeaders().add("Content-Type", "application/pdf");
            exchange.sendResponseHeaders(200, pdf.length);
            try (var body = exchange.getResponseBody()) {
                body.write(pdf);
            }
        });
        files.createContext("/docs/to-metadata", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        files.start();
    }

    @AfterAll
    static void stopReading() {
        if (topics != null) {
            topics.close();
            topics = null;
        }
    }

    /** Replaces the API key file the way the operations guide says: a new file moved into place. */
    static void writeApiKeys(String content) throws Exception {
        Path next = apiKeys.resolveSibling("intake-api-keys.next");
        Files.writeString(next, content);
        Files.move(next, apiKeys, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String newApiKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** How the API key file stores a key: sha256: and the hex of the key's SHA-256 (as {@code sha256sum} prints it). */
    static String keyHash(String key) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    final EventCodec codec = new EventCodec();
    final JsonMapper json = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();

    /** Opened on first use, once the application context has created the topics. */
    TopicRecorder topics() {
        if (topics == null) {
            topics = new TopicRecorder(EngineFixture.shared().kafkaBootstrapServers(),
                    Topics.CHANGES, Topics.EXTRACTED, Topics.STATUS, Topics.deadLetter(Topics.CHANGES));
        }
        return topics;
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static boolean on(ConsumerRecord<String, String> record, String topic, String key) {
        return record.topic().equals(topic) && key.equals(record.key());
    }

    static String connectorToken(String connector, String... sources) {
        return issuer.connectorToken(connector, List.of(sources), Duration.ofMinutes(5));
    }

    /** The functional tests' credentials: a connector granted {@link #SOURCE}. */
    static String[] asConnector() {
        return bearer(connectorToken("it-connector", SOURCE));
    }

    static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    HttpRequest.Builder request(String pathAndQuery, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
        return headers.length == 0 ? builder : builder.headers(headers);
    }

    /** A request to the actuator, on the management port. */
    HttpRequest.Builder management(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path));
        return headers.length == 0 ? builder : builder.headers(headers);
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String body, String... headers) throws Exception {
        return send(request("/v1/documents", headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> delete(String pathAndQuery, String... headers) throws Exception {
        return send(request("/v1/documents/" + pathAndQuery, headers).DELETE().build());
    }

    static DocumentChange upsert(String id, String source, String title, String contentType, Content content) {
        return DocumentChange.of(id, source, 1, Operation.UPSERT, title, "https://files.example.com/" + id, contentType,
                content, Map.of(), Acl.publicAcl(), Instant.now());
    }

    static DocumentChange upsert(String id, String title, String contentType, Content content) {
        return upsert(id, SOURCE, title, contentType, content);
    }

    String textChange(String id, String source) {
        return codec.write(upsert(id, source, "Title", "text/plain", Content.ofText("Some text.")));
    }

    /** An RFC 9457 problem with this status; returns its body. */
    JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        return problem;
    }

    /**
     * Nothing keyed by these ids reached the changes topic. Sound without waiting: the intake answers only after
     * the broker acknowledged what it published, so anything published is already there.
     */
    void assertNothingPublished(Set<String> ids) {
        assertThat(topics().readToEnd(r -> r.topic().equals(Topics.CHANGES) && ids.contains(r.key()), WAIT)).isEmpty();
    }
}
