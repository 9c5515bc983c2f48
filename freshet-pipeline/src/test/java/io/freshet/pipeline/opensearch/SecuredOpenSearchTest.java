package io.freshet.pipeline.opensearch;

import io.freshet.contract.failure.TransientFailureException;
import io.freshet.infra.EngineFixture;
import io.freshet.infra.TlsAuthProxy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OpenSearch client against a secured cluster, by configuration alone: HTTPS with a certificate trusted through a
 * Spring Boot SSL bundle, and basic auth. The cluster is the real node of {@link EngineFixture} behind
 * {@link TlsAuthProxy} (TLS + basic auth, as a managed service presents it; not the security plugin).
 */
class SecuredOpenSearchTest {

    private static final String USER = "freshet-index";
    private static final String PASSWORD = "s3cret-" + UUID.randomUUID();
    private static TlsAuthProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "tls-proxy-" + ProcessHandle.current().pid()));
        proxy = TlsAuthProxy.start(dir, EngineFixture.shared().openSearchUrl(), USER, PASSWORD);
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    private ApplicationContextRunner client(String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, OpenSearchAutoConfiguration.class))
                .withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::ofDefaults)
                .withPropertyValues("spring.ssl.bundle.pem.opensearch.truststore.certificate=file:" + proxy.certificatePem().toAbsolutePath(),
                        "freshet.opensearch.url=" + proxy.url())
                .withPropertyValues(properties);
    }

    @Test
    void indexesAndSearchesOverTlsWithCredentials() {
        int refusedBefore = proxy.refusedRequests();
        client("freshet.opensearch.ssl-bundle=opensearch", "freshet.opensearch.username=" + USER,
                "freshet.opensearch.password=" + PASSWORD).run(context -> {
            OpenSearchClient client = context.getBean(OpenSearchClient.class);
            OpenSearchCalls calls = context.getBean(OpenSearchCalls.class);
            String index = "secured-" + UUID.randomUUID().toString().substring(0, 8);
            calls.call("indexing a test document", () -> client.index(i -> i.index(index).id("doc-1")
                    .document(Map.of("text", "restricted quarterly figures")).refresh(Refresh.True)));
            SearchResponse<Map> found = calls.call("searching", () -> client.search(s -> s.index(index)
                    .query(q -> q.match(m -> m.field("text").query(v -> v.stringValue("quarterly")))), Map.class));
            assertThat(found.hits().hits()).extracting(h -> h.id()).containsExactly("doc-1");

            Health health = context.getBean(OpenSearchHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("url", proxy.url());
            calls.call("deleting the test index", () -> client.indices().delete(d -> d.index(index)));
        });
        assertThat(proxy.authorizedRequests()).isPositive();
        assertThat(proxy.refusedRequests()).isEqualTo(refusedBefore);
    }

    @Test
    void aWrongPasswordFailsClearlyAndTheHealthDoesNotEchoIt() {
        String wrong = "wrong-" + UUID.randomUUID();
        client("freshet.opensearch.ssl-bundle=opensearch", "freshet.opensearch.username=" + USER,
                "freshet.opensearch.password=" + wrong).run(context -> {
            OpenSearchClient client = context.getBean(OpenSearchClient.class);
            assertThatThrownBy(() -> client.info()).hasStackTraceContaining("401 Unauthorized");
            OpenSearchCalls calls = context.getBean(OpenSearchCalls.class);
            assertThatThrownBy(() -> calls.call("reading the cluster info", client::info))
                    .isInstanceOf(TransientFailureException.class)
                    .hasMessageContaining("refused access (HTTP 401)").hasMessageNotContaining(wrong);

            Health health = context.getBean(OpenSearchHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(health.getDetails().get("reason")))
                    .contains("401").contains(USER).contains("freshet.opensearch.password");
            assertThat(health.toString()).doesNotContain(wrong);
            assertThat(context.getBean(OpenSearchProperties.class).toString()).doesNotContain(wrong).contains(USER);
        });
    }

    @Test
    void aCertificateTheClientDoesNotTrustIsRefusedWithAReason() {
        // No bundle: the JVM's default trust store, which does not know the proxy's self-signed certificate.
        client("freshet.opensearch.username=" + USER, "freshet.opensearch.password=" + PASSWORD).run(context -> {
            Health health = context.getBean(OpenSearchHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(health.getDetails().get("reason"))).contains("TLS").contains("freshet.opensearch.ssl-bundle");
        });
    }

    @Test
    void inconsistentSettingsStopTheStart() {
        client("freshet.opensearch.url=http://127.0.0.1:9200", "freshet.opensearch.ssl-bundle=opensearch")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("freshet.opensearch.ssl-bundle is set but freshet.opensearch.url is not https"));
        client("freshet.opensearch.username=" + USER)
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("username '" + USER + "' has no password"));
        client("freshet.opensearch.ssl-bundle=nonesuch", "freshet.opensearch.username=" + USER, "freshet.opensearch.password=" + PASSWORD)
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("freshet.opensearch.ssl-bundle=nonesuch names no bundle"));
    }
}
