package io.freshet.embed;

import io.freshet.contract.event.DocumentState;
import io.freshet.contract.index.StatusIndex;
import io.freshet.infra.EngineFixture;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The status lookup against a real OpenSearch node, and against none. */
class OpenSearchIndexedContentLookupTest {

    private static final String STATUS = "it-embed-status-" + UUID.randomUUID().toString().substring(0, 8);

    private static OpenSearchTransport transport;
    private static OpenSearchClient client;

    @BeforeAll
    static void statusIndex() throws IOException {
        transport = transport(URI.create(EngineFixture.shared().openSearchUrl()));
        client = new OpenSearchClient(transport);
        try (var response = client.generic().execute(Requests.builder().method("PUT").endpoint("/" + STATUS)
                .json(StatusIndex.indexBody(1, 0)).build())) {
            assertThat(response.getStatus()).isEqualTo(200);
        }
    }

    @AfterAll
    static void close() throws IOException {
        transport.close();
    }

    @Test
    void readsTheRecordIndexServiceWroteWithoutARefresh() throws IOException {
        client.index(i -> i.index(STATUS).id("doc").document(Map.of(StatusIndex.ID, "doc", StatusIndex.VERSION, 7,
                StatusIndex.STATE, "PENDING", StatusIndex.CHUNKS, 4, StatusIndex.CONTENT_HASH, "abc",
                StatusIndex.UPDATED_AT, "2026-11-23T10:00:00Z")));
        var lookup = new OpenSearchIndexedContentLookup(client, STATUS, CircuitBreaker.ofDefaults("t1"));

        assertThat(lookup.find("doc")).contains(new IndexedContent(7, DocumentState.PENDING, 4, "abc"));
        assertThat(lookup.find("never-seen")).isEmpty();
        assertThat(new OpenSearchIndexedContentLookup(client, STATUS + "-missing", CircuitBreaker.ofDefaults("t2"))
                .find("doc")).as("no status index yet").isEmpty();
    }

    @Test
    void anUnreachableClusterMeansUnknownQuicklyAndTheBreakerStopsAsking() throws IOException {
        try (OpenSearchTransport down = transport(URI.create("http://127.0.0.1:1"))) {
            var breaker = CircuitBreaker.of("down", CircuitBreakerConfig.custom()
                    .minimumNumberOfCalls(2).slidingWindowSize(2).waitDurationInOpenState(Duration.ofMinutes(1)).build());
            var lookup = new OpenSearchIndexedContentLookup(new OpenSearchClient(down), STATUS, breaker);

            long started = System.nanoTime();
            Optional<IndexedContent> first = lookup.find("doc");
            lookup.find("doc");
            assertThat(first).isEmpty();
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(lookup.find("doc")).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static OpenSearchTransport transport(URI url) {
        return ApacheHttpClient5TransportBuilder.builder(new HttpHost(url.getScheme(), url.getHost(), url.getPort()))
                .setMapper(new JacksonJsonpMapper())
                .setRequestConfigCallback(c -> c.setConnectTimeout(Timeout.ofSeconds(1)).setResponseTimeout(Timeout.ofSeconds(2)))
                .build();
    }
}
