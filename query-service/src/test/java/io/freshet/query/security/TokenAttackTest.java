package io.freshet.query.security;

import io.freshet.contract.event.Acl;
import io.freshet.infra.EngineFixture;
import io.freshet.infra.LocalTokenIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every token an attacker might try, against the real resource server and a real issuer's JWKS over HTTP: each is
 * 401 problem+json and none reaches a search. A valid token for the same caller is the control that does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class TokenAttackTest {

    private static final Path KEYS = Path.of(System.getProperty("java.io.tmpdir"), "freshet-token-attack-" + UUID.randomUUID());
    private static final LocalTokenIssuer ISSUER = LocalTokenIssuer.start(KEYS.resolve("real"), 0);
    private static final LocalTokenIssuer IMPOSTOR = LocalTokenIssuer.start(KEYS.resolve("impostor"), 0);
    private static final String SEARCH = "{\"query\": \"salary bands\", \"topK\": 3}";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("freshet.opensearch.url", () -> EngineFixture.shared().openSearchUrl());
        registry.add("freshet.opensearch.chunk-index", () -> "it-token-attack-chunks");
        registry.add("freshet.opensearch.status-index", () -> "it-token-attack-status");
        registry.add("management.server.port", () -> "0");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", ISSUER::jwkSetUri);
    }

    @AfterAll
    static void stopIssuers() {
        ISSUER.close();
        IMPOSTOR.close();
    }

    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** Each attack as the Authorization header it sends; null: no header at all. */
    static Stream<Arguments> attacks() throws Exception {
        long now = Instant.now().getEpochSecond();
        String query = LocalTokenIssuer.QUERY_AUDIENCE;
        return Stream.of(
                Arguments.of("expired", bearer(ISSUER.sign(claims(query, ISSUER.issuer(), now - 600, now - 60)))),
                Arguments.of("not yet valid", bearer(ISSUER.sign(withNotBefore(claims(query, ISSUER.issuer(), now, now + 3600),
                        now + 600)))),
                Arguments.of("wrong issuer", bearer(ISSUER.sign(claims(query, "https://evil.example.com", now, now + 600)))),
                Arguments.of("wrong audience (a connector's token)",
                        bearer(ISSUER.connectorToken("cms", List.of("cms"), Duration.ofMinutes(5)))),
                Arguments.of("no audience", bearer(ISSUER.sign(claims(null, ISSUER.issuer(), now, now + 600)))),
                Arguments.of("signed by another key", bearer(IMPOSTOR.sign(claims(query, ISSUER.issuer(), now, now + 600)))),
                Arguments.of("payload altered after signing",
                        bearer(alterGroups(ISSUER.userToken("mallory", List.of("staff"), Duration.ofMinutes(5))))),
                Arguments.of("alg none", bearer(unsigned(claims(query, ISSUER.issuer(), now, now + 600)))),
                Arguments.of("HMAC confusion (HS256 keyed with the public key)",
                        bearer(hmacWithPublicKey(claims(query, ISSUER.issuer(), now, now + 600)))),
                Arguments.of("a user named like a group", bearer(ISSUER.sign(withSubject(
                        claims(query, ISSUER.issuer(), now, now + 600), Acl.GROUP_PREFIX + "finance")))),
                Arguments.of("no user claim", bearer(ISSUER.sign(withoutSubject(claims(query, ISSUER.issuer(), now, now + 600))))),
                Arguments.of("not a JWT", bearer("definitely-not-a-token")),
                Arguments.of("empty bearer", bearer("")),
                Arguments.of("Basic credentials", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes())),
                Arguments.of("no token", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aForgedStaleOrMissingTokenIs401ProblemJsonAndNeverReachesASearch(String attack, String authorization)
            throws Exception {
        long before = searchesServed();

        HttpResponse<String> response = search(authorization);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(response.body()).doesNotContain("mallory").doesNotContain("evil.example.com");
        assertThat(searchesServed()).as("the request never reached a search").isEqualTo(before);
    }

    @Test
    void aValidTokenForTheSameCallerIsServed() throws Exception {
        long before = searchesServed();

        HttpResponse<String> response = search("Bearer " + ISSUER.userToken("mallory", List.of("staff"), Duration.ofMinutes(5)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(searchesServed()).isEqualTo(before + 1);
    }

    @Test
    void theTrustedHeaderIsNotACredentialInTheDefaultMode() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/search"))
                .header("Content-Type", "application/json").header("X-Freshet-Principals", "alice,group:hr")
                .POST(HttpRequest.BodyPublishers.ofString(SEARCH)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    private long searchesServed() {
        return meters.find("freshet.query.latency").timers().stream().mapToLong(Timer::count).sum();
    }

    private HttpResponse<String> search(String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SEARCH));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> claims(String audience, String issuer, long issuedAt, long expires) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        if (audience != null) {
            claims.put("aud", audience);
        }
        claims.put("sub", "mallory");
        claims.put("groups", List.of("hr", "finance"));
        claims.put("iat", issuedAt);
        claims.put("exp", expires);
        return claims;
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static Map<String, Object> withSubject(Map<String, Object> claims, String subject) {
        claims.put("sub", subject);
        return claims;
    }

    private static Map<String, Object> withoutSubject(Map<String, Object> claims) {
        claims.remove("sub");
        return claims;
    }

    private static Map<String, Object> withNotBefore(Map<String, Object> claims, long notBefore) {
        claims.put("nbf", notBefore);
        return claims;
    }

    private static String alterGroups(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"staff\"", "\"hr\"");
        assertThat(payload).contains("\"hr\"");
        return parts[0] + "." + base64Url(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static String unsigned(Map<String, Object> claims) {
        return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(json(claims).getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** The classic confusion: HS256 with the RSA public key (which the JWKS publishes) as the shared secret. */
    private static String hmacWithPublicKey(Map<String, Object> claims) throws Exception {
        String kid = new String(Base64.getUrlDecoder().decode(ISSUER.userToken("x", List.of(), Duration.ofMinutes(1))
                .split("\\.")[0]), StandardCharsets.UTF_8).replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
        String input = base64Url(("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8))
                + "." + base64Url(json(claims).getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ISSUER.publicKeyBytes(), "HmacSHA256"));
        return input + "." + base64Url(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String json(Map<String, Object> claims) {
        StringBuilder out = new StringBuilder("{");
        claims.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(key).append("\":");
            if (value instanceof List<?> list) {
                out.append(list.stream().map(v -> "\"" + v + "\"").toList().toString().replace(" ", ""));
            } else if (value instanceof Number) {
                out.append(value);
            } else {
                out.append('"').append(value).append('"');
            }
        });
        return out.append('}').toString();
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
