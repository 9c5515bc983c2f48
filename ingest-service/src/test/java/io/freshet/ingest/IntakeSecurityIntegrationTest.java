package io.freshet.ingest;

import io.freshet.contract.event.Topics;
import io.freshet.infra.LocalTokenIssuer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may use the intake, over real HTTP against the real issuer's JWKS: every rejected credential is a 401
 * problem and publishes nothing; a connector publishes and deletes only its granted sources (403 otherwise).
 */
class IntakeSecurityIntegrationTest extends IntakeIntegrationTest {

    private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder().withoutPadding();

    private Map<String, Object> connectorClaims(Instant issuedAt, Instant expires) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer.issuer());
        claims.put("aud", LocalTokenIssuer.INTAKE_AUDIENCE);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("nbf", issuedAt.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        claims.put("sub", "it-connector");
        claims.put("client_id", "it-connector");
        claims.put(LocalTokenIssuer.SOURCES_CLAIM, List.of(SOURCE));
        return claims;
    }

    private Map<String, Object> validClaims() {
        return connectorClaims(Instant.now(), Instant.now().plus(Duration.ofMinutes(5)));
    }

    private String unsigned(Map<String, Object> header, Map<String, Object> claims) {
        return BASE64_URL.encodeToString(json.writeValueAsBytes(header)) + "."
                + BASE64_URL.encodeToString(json.writeValueAsBytes(claims));
    }

    private String keyIdOfTheIssuer() {
        String header = connectorToken("probe", SOURCE).split("\\.")[0];
        return json.readTree(Base64.getUrlDecoder().decode(header)).get("kid").asString();
    }

    @Test
    void withoutCredentialsTheIntakeAnswers401AndPublishesNothing() throws Exception {
        String id = uniqueId("sec-anonymous");

        HttpResponse<String> response = post(textChange(id, SOURCE));

        JsonNode problem = assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(problem.get("detail").asString()).contains("Authorization: Bearer");
        assertProblem(delete(id + "?source=" + SOURCE), 401);
        assertNothingPublished(Set.of(id));
    }

    @Test
    void everyRejectedTokenIs401AndPublishesNothing() throws Exception {
        Instant now = Instant.now();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("expired", issuer.sign(connectorClaims(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)))));
        Map<String, Object> notYetValid = connectorClaims(now, now.plus(Duration.ofHours(2)));
        notYetValid.put("nbf", now.plus(Duration.ofHours(1)).getEpochSecond());
        tokens.put("not yet valid", issuer.sign(notYetValid));
        Map<String, Object> foreignIssuer = validClaims();
        foreignIssuer.put("iss", "http://127.0.0.1:1");
        tokens.put("wrong issuer", issuer.sign(foreignIssuer));
        tokens.put("a user's token for query-service", issuer.userToken("alice", List.of("group:employees"), Duration.ofMinutes(5)));
        tokens.put("connector claims for query-service", issuer.token(LocalTokenIssuer.QUERY_AUDIENCE,
                Map.of("sub", "it-connector", LocalTokenIssuer.SOURCES_CLAIM, List.of(SOURCE)), Duration.ofMinutes(5)));
        var otherKeys = Files.createTempDirectory("freshet-other-issuer");
        LocalTokenIssuer.start(otherKeys, 0).close();
        tokens.put("signed with another key", LocalTokenIssuer.offline(otherKeys, issuer.issuer())
                .connectorToken("it-connector", List.of(SOURCE), Duration.ofMinutes(5)));
        String[] valid = connectorToken("it-connector", SOURCE).split("\\.");
        Map<String, Object> widened = validClaims();
        widened.put(LocalTokenIssuer.SOURCES_CLAIM, List.of(SOURCE, "sharepoint"));
        tokens.put("claims changed after signing", valid[0] + "." + BASE64_URL.encodeToString(json.writeValueAsBytes(widened))
                + "." + valid[2]);
        tokens.put("alg none", unsigned(Map.of("alg", "none", "typ", "JWT"), validClaims()) + ".");
        String hmacInput = unsigned(Map.of("alg", "HS256", "typ", "JWT", "kid", keyIdOfTheIssuer()), validClaims());
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(issuer.publicKeyBytes(), "HmacSHA256"));
        tokens.put("HS256 with the public key as secret",
                hmacInput + "." + BASE64_URL.encodeToString(hmac.doFinal(hmacInput.getBytes(StandardCharsets.US_ASCII))));
        tokens.put("not a JWT", "not-a-jwt");

        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            String id = uniqueId("sec-rejected");
            ids.add(id);

            HttpResponse<String> response = post(textChange(id, SOURCE), bearer(token.getValue()));

            assertThat(response.statusCode()).as(token.getKey()).isEqualTo(401);
            assertProblem(response, 401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(token.getKey())
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer error=\"invalid_token\""));
        }
        assertNothingPublished(ids);
        // The same claims, properly signed, are accepted: the refusals above were the defects, not the claims.
        assertThat(post(textChange(uniqueId("sec-accepted"), SOURCE), bearer(issuer.sign(validClaims()))).statusCode())
                .isEqualTo(202);
    }

    @Test
    void aConnectorPublishesOnlyItsGrantedSources() throws Exception {
        String[] cms = bearer(connectorToken("cms", "cms"));
        String foreign = uniqueId("sec-foreign");

        HttpResponse<String> refused = post(textChange(foreign, "sharepoint"), cms);

        assertThat(assertProblem(refused, 403).get("detail").asString())
                .isEqualTo("connector 'cms' may not publish documents of source 'sharepoint'");
        assertNothingPublished(Set.of(foreign));
        String own = uniqueId("sec-own");
        assertThat(post(textChange(own, "cms"), cms).statusCode()).isEqualTo(202);
        assertThat(topics().await(r -> on(r, Topics.CHANGES, own), 1, WAIT)).hasSize(1);
        // A change must say whose it is; one without a source can be granted to nobody.
        assertProblem(post(textChange(uniqueId("sec-sourceless"), null), cms), 400);
    }

    @Test
    void sourcesMayBeGrantedAsASeparatedStringAndNoneWithoutTheClaim() throws Exception {
        String[] wiki = bearer(issuer.token(LocalTokenIssuer.INTAKE_AUDIENCE,
                Map.of("client_id", "wiki", LocalTokenIssuer.SOURCES_CLAIM, "wiki, wiki-archive intranet"), Duration.ofMinutes(5)));
        for (String source : List.of("wiki", "wiki-archive", "intranet")) {
            assertThat(post(textChange(uniqueId("sec-string"), source), wiki).statusCode()).as(source).isEqualTo(202);
        }
        String[] ungranted = bearer(issuer.token(LocalTokenIssuer.INTAKE_AUDIENCE, Map.of("client_id", "bare"),
                Duration.ofMinutes(5)));
        assertThat(assertProblem(post(textChange(uniqueId("sec-bare"), SOURCE), ungranted), 403).get("detail").asString())
                .isEqualTo("connector 'bare' may not publish documents of source 'it'");
    }

    @Test
    void aDeleteNamesAGrantedSource() throws Exception {
        String[] cms = bearer(connectorToken("cms", "cms"));
        String id = uniqueId("sec-delete");

        assertThat(assertProblem(delete(id + "?source=sharepoint", cms), 403).get("detail").asString())
                .isEqualTo("connector 'cms' may not delete documents of source 'sharepoint'");
        assertThat(assertProblem(delete(id, cms), 400).get("detail").asString())
                .isEqualTo("a DELETE must name the document's source: ?source=<source>");
        assertProblem(delete(id + "?source=", cms), 400);
        assertNothingPublished(Set.of(id));
        assertThat(delete(id + "?source=cms&version=1", cms).statusCode()).isEqualTo(202);
    }

    @Test
    void apiKeysAuthenticateAndRotateWithoutARestart() throws Exception {
        String oldKey = newApiKey();
        String newKey = newApiKey();
        String cmsKey = newApiKey();
        writeApiKeys("# connector  key hash  sources\n"
                + "it-keys " + keyHash(oldKey) + " " + SOURCE + "\n"
                + "cms " + keyHash(cmsKey) + " cms\n");

        assertThat(post(textChange(uniqueId("key-valid"), SOURCE), apiKey(oldKey)).statusCode()).isEqualTo(202);
        String wrong = uniqueId("key-wrong");
        HttpResponse<String> refused = post(textChange(wrong, SOURCE), apiKey(newKey));
        assertThat(assertProblem(refused, 401).get("detail").asString()).contains("API key");
        assertProblem(post(textChange(wrong, SOURCE), apiKey("short")), 401);
        // Scope applies to keys as to tokens.
        assertThat(assertProblem(post(textChange(wrong, SOURCE), apiKey(cmsKey)), 403).get("detail").asString())
                .isEqualTo("connector 'cms' may not publish documents of source 'it'");
        // Two credentials at once are ambiguous.
        String[] both = {"X-Freshet-Api-Key", oldKey, "Authorization", "Bearer " + connectorToken("it-connector", SOURCE)};
        assertProblem(post(textChange(wrong, SOURCE), both), 401);
        assertNothingPublished(Set.of(wrong));

        // Rotation: both keys for a while, then only the new one; the service re-reads the file by itself.
        writeApiKeys("it-keys " + keyHash(oldKey) + " " + SOURCE + "\n"
                + "it-keys " + keyHash(newKey) + " " + SOURCE + "\n");
        assertThat(post(textChange(uniqueId("key-old"), SOURCE), apiKey(oldKey)).statusCode()).isEqualTo(202);
        assertThat(post(textChange(uniqueId("key-new"), SOURCE), apiKey(newKey)).statusCode()).isEqualTo(202);
        writeApiKeys("it-keys " + keyHash(newKey) + " " + SOURCE + "\n");
        String afterRotation = uniqueId("key-revoked");
        assertProblem(post(textChange(afterRotation, SOURCE), apiKey(oldKey)), 401);
        assertNothingPublished(Set.of(afterRotation));
        assertThat(post(textChange(uniqueId("key-rotated"), SOURCE), apiKey(newKey)).statusCode()).isEqualTo(202);
        assertThat(delete(uniqueId("key-delete") + "?source=" + SOURCE + "&version=1", apiKey(newKey)).statusCode())
                .isEqualTo(202);
    }

    private Collection<String> components(HttpResponse<String> health) {
        assertThat(health.statusCode()).isEqualTo(200);
        return json.readTree(health.body()).path("components").propertyNames();
    }

    private static String[] apiKey(String key) {
        return new String[] {"X-Freshet-Api-Key", key};
    }

    @Test
    void actuatorIsOnItsOwnPortWithHealthAndMetricsOnlyAndDetailsForOperators() throws Exception {
        String connector = "Bearer " + issuer.connectorToken("cms", List.of(SOURCE), Duration.ofMinutes(5));
        String operator = "Bearer " + issuer.token(LocalTokenIssuer.INTAKE_AUDIENCE, Map.of("sub", "olga",
                "groups", List.of("freshet-operators")), Duration.ofMinutes(5));

        HttpResponse<String> health = send(management("/actuator/health").GET().build());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\"").doesNotContain("kafka").doesNotContain("9092");
        assertThat(send(management("/actuator/health", "Authorization", connector).GET().build()).body())
                .as("a connector is not an operator").doesNotContain("kafka");
        assertThat(send(management("/actuator/health", "Authorization", operator).GET().build()).body()).contains("\"kafka\"");
        // Anyone gets a status (and the group names), no component, path or address; readiness = accepting traffic +
        // Kafka (the intake publishes there).
        assertThat(json.readTree(health.body()).propertyNames()).containsOnly("status", "groups");
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            assertThat(send(management(probe).GET().build()).body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
        }
        assertThat(components(send(management("/actuator/health/readiness", "Authorization", operator).GET().build())))
                .containsExactlyInAnyOrder("readinessState", "kafka");
        assertThat(components(send(management("/actuator/health/liveness", "Authorization", operator).GET().build())))
                .containsExactly("livenessState");
        assertThat(send(management("/actuator/health/diskSpace").GET().build()).statusCode()).as("a component, anonymously")
                .isEqualTo(404);
        assertThat(send(management("/actuator/prometheus").GET().build()).statusCode()).isEqualTo(200);
        for (String hidden : List.of("/actuator/info", "/actuator/env", "/actuator/configprops", "/actuator/loggers",
                "/actuator/heapdump")) {
            assertThat(send(management(hidden, "Authorization", operator).GET().build()).statusCode()).as(hidden).isEqualTo(404);
        }
        assertProblem(send(request("/actuator/health").GET().build()), 404);
        assertThat(send(request("/actuator/env", "Authorization", connector).GET().build()).statusCode())
                .as("no actuator on the intake's port").isEqualTo(404);
        assertProblem(send(request("/anything").GET().build()), 401);
    }
}
