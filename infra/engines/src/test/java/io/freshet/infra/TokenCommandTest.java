package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The printed token checked the way a resource server checks it: signature against the served JWKS, then claims. */
class TokenCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path repo;

    private record Outcome(int exitCode, List<String> out, String err) {
        String token() {
            return out.get(out.size() - 1);
        }
    }

    private Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TokenCommand.run(List.of(args), repo, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        return new Outcome(code, printed.isEmpty() ? List.of() : printed.lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aUserTokenVerifiesAgainstTheIssuersKeysAndCarriesTheUserAndGroups() throws Exception {
        try (LocalTokenIssuer served = LocalTokenIssuer.start(repo.resolve("work/issuer"), 0)) {
            long before = Instant.now().getEpochSecond();
            Outcome outcome = run("--user", "alice", "--groups", "hr,finance", "--ttl-minutes", "15");

            assertEquals(0, outcome.exitCode(), outcome.err());
            assertTrue(outcome.out().size() >= 2, outcome.out()::toString);
            String token = outcome.token();
            assertTrue(verifies(token, served.jwkSetUri()), "signature against the JWKS");
            JsonNode claims = claims(token);
            assertEquals("http://127.0.0.1:8089", claims.get("iss").asText());
            assertEquals("freshet-query", claims.get("aud").asText());
            assertEquals("alice", claims.get("sub").asText());
            assertEquals("alice", claims.get("preferred_username").asText());
            assertEquals(List.of("hr", "finance"), JSON.convertValue(claims.get("groups"), List.class));
            assertEquals(15 * 60, claims.get("exp").asLong() - claims.get("iat").asLong());
            assertTrue(claims.get("iat").asLong() >= before);
            String explanation = String.join("\n", outcome.out().subList(0, outcome.out().size() - 1));
            assertTrue(explanation.contains("alice") && explanation.contains("hr,finance")
                    && explanation.contains(Instant.ofEpochSecond(claims.get("exp").asLong()).toString())
                    && explanation.contains("Authorization: Bearer"), explanation);
        }
    }

    @Test
    void aConnectorTokenIsForTheIntakeAndListsItsSources() throws Exception {
        try (LocalTokenIssuer served = LocalTokenIssuer.start(repo.resolve("work/issuer"), 0)) {
            Outcome outcome = run("--connector", "cms", "--sources", "cms-public,cms-hr");

            assertEquals(0, outcome.exitCode(), outcome.err());
            assertTrue(verifies(outcome.token(), served.jwkSetUri()));
            JsonNode claims = claims(outcome.token());
            assertEquals("freshet-intake", claims.get("aud").asText());
            assertEquals("cms", claims.get("sub").asText());
            assertEquals(List.of("cms-public", "cms-hr"), JSON.convertValue(claims.get("freshet_sources"), List.class));
            assertEquals(60 * 60, claims.get("exp").asLong() - claims.get("iat").asLong());
            assertFalse(claims.has("groups"));
        }
    }

    @Test
    void aTokenWhosePayloadWasChangedDoesNotVerify() throws Exception {
        try (LocalTokenIssuer served = LocalTokenIssuer.start(repo.resolve("work/issuer"), 0)) {
            String[] parts = run("--user", "bob").token().split("\\.");
            String forged = LocalTokenIssuer.base64Url(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8).replace("\"bob\"", "\"root\""));

            assertFalse(verifies(parts[0] + "." + forged + "." + parts[2], served.jwkSetUri()));
        }
    }

    @Test
    void withoutAKeySaysToStartFreshetFirst() {
        Outcome outcome = run("--user", "alice");

        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.out().isEmpty(), outcome.out()::toString);
        assertTrue(outcome.err().contains("start Freshet with ./freshet up first"), outcome.err());
    }

    @Test
    void wrongArgumentsExitWithTwoAndTheUsage() {
        Outcome outcome = run("--connector", "cms");

        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.out().isEmpty());
        assertTrue(outcome.err().contains("--sources") && outcome.err().contains("Usage: freshet token"), outcome.err());
    }

    /** SHA256withRSA over header.payload with the key the issuer serves under the token's kid. */
    private static boolean verifies(String token, String jwkSetUri) throws Exception {
        String[] parts = token.split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertEquals("RS256", header.get("alg").asText());
        HttpResponse<String> jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(jwkSetUri)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode key = null;
        for (JsonNode candidate : JSON.readTree(jwks.body()).get("keys")) {
            if (candidate.get("kid").asText().equals(header.get("kid").asText())) {
                key = candidate;
            }
        }
        assertTrue(key != null, "the JWKS has the token's kid");
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(key.get("n").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(key.get("e").asText()))));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(publicKey);
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
