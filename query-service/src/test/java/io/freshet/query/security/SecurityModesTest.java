package io.freshet.query.security;

import io.freshet.contract.event.Acl;
import io.freshet.embedding.EmbeddingModel;
import io.freshet.infra.EngineFixture;
import io.freshet.infra.LocalTokenIssuer;
import io.freshet.query.opensearch.TestIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two opt-ins beside bearer tokens, each in its own application: anonymous reads of public documents, and the
 * trusted header of an authenticating proxy. Three documents: public, shared with the organisation, and with HR.
 */
class SecurityModesTest {

    private static final String QUERY = "{\"query\": \"zephyrine canteen opening hours\", \"topK\": 10, \"mode\": \"lexical\"}";
    private static final LocalTokenIssuer TOKENS = LocalTokenIssuer.start(
            Path.of(System.getProperty("java.io.tmpdir"), "freshet-security-modes-issuer"), 0);

    @AfterAll
    static void stopIssuer() {
        TOKENS.close();
    }

    static void engines(DynamicPropertyRegistry registry, String run) {
        registry.add("management.server.port", () -> "0");
        registry.add("freshet.opensearch.url", () -> EngineFixture.shared().openSearchUrl());
        registry.add("freshet.opensearch.chunk-index", () -> "it-modes-chunks-" + run);
        registry.add("freshet.opensearch.status-index", () -> "it-modes-status-" + run);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TOKENS::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TOKENS::jwkSetUri);
    }

    /** One application per mode, each with its own indices holding the three documents. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Mode {

        @Autowired
        OpenSearchClient client;
        @Autowired
        EmbeddingModel model;
        @LocalServerPort
        int port;

        abstract String run();

        @BeforeAll
        void index() {
            var index = new TestIndex(client, model, "it-modes-chunks-" + run(), "it-modes-status-" + run(),
                    Clock.systemUTC());
            index.put("public-canteen", "Canteen", "The zephyrine canteen opening hours are 8 to 15.", Acl.publicAcl());
            index.put("staff-canteen", "Staff canteen", "The zephyrine canteen opening hours for staff are 7 to 16.",
                    Acl.restrictedTo(Acl.EVERYONE_IN_ORGANISATION));
            index.put("hr-canteen", "HR canteen", "The zephyrine canteen opening hours for HR are 9 to 12.",
                    Acl.restrictedTo("group:hr"));
        }

        HttpResponse<String> search(String header, String value) throws Exception {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/search"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(QUERY));
            if (header != null) {
                request.header(header, value);
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "freshet.security.anonymous-public=true")
    class AnonymousPublicReads extends Mode {

        private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            engines(registry, RUN);
        }

        @Override
        String run() {
            return RUN;
        }

        @Test
        void aRequestWithoutTokenReadsPublicDocumentsOnlyNeverTheOrganisations() throws Exception {
            HttpResponse<String> anonymous = search(null, null);
            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(anonymous.body()).contains("public-canteen").doesNotContain("staff-canteen").doesNotContain("hr-canteen");

            assertThat(search("X-Freshet-Principals", "group:hr," + Acl.EVERYONE_IN_ORGANISATION).body())
                    .as("the header is still no credential").doesNotContain("hr-canteen").doesNotContain("staff-canteen");
            assertThat(search("Authorization", "Bearer not-a-token").statusCode()).as("a bad token is still refused")
                    .isEqualTo(401);
            String member = TOKENS.userToken("ann", List.of("sales"), Duration.ofMinutes(5));
            assertThat(search("Authorization", "Bearer " + member).body()).contains("staff-canteen")
                    .doesNotContain("hr-canteen");
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "freshet.security.mode=trusted-header")
    class TrustedHeader extends Mode {

        private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            engines(registry, RUN);
        }

        @Override
        String run() {
            return RUN;
        }

        @Test
        void theProxysHeaderNamesTheCallerAndWithoutItTheRequestIsRefused() throws Exception {
            HttpResponse<String> hr = search("X-Freshet-Principals", "alice, group:hr");
            assertThat(hr.statusCode()).isEqualTo(200);
            assertThat(hr.body()).contains("hr-canteen").contains("staff-canteen").contains("public-canteen");
            assertThat(search("X-Freshet-Principals", "bob").body()).contains("staff-canteen")
                    .doesNotContain("hr-canteen");
            assertThat(search(null, null).statusCode()).isEqualTo(401);
            assertThat(search("X-Freshet-Principals", " , ").statusCode()).as("an empty header names nobody")
                    .isEqualTo(401);
        }
    }
}
