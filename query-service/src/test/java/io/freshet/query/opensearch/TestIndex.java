package io.freshet.query.opensearch;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.EmbeddedChunk;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.Operation;
import io.freshet.embedding.EmbeddingModel;
import io.freshet.index.DocumentIndexer;
import io.freshet.contract.index.ModelCatalog;
import io.freshet.index.IndexBootstrap;
import io.freshet.index.IndexMetrics;
import io.freshet.index.IndexPlanner;
import io.freshet.index.IndexProperties;
import io.freshet.index.OpenSearchIndexStore;
import io.freshet.infra.EngineFixture;
import io.freshet.pipeline.opensearch.OpenSearchCalls;
import io.freshet.pipeline.opensearch.OpenSearchProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chunk and a status index written by index-service's real writer (planner + store), as the query tests read
 * them: what it writes is what query-service must read.
 */
public final class TestIndex {

    private final OpenSearchClient client;
    private final EmbeddingModel model;
    private final String chunks;
    private final Clock clock;
    private final DocumentIndexer indexer;

    public TestIndex(OpenSearchClient client, EmbeddingModel model, String chunks, String status, Clock clock) {
        this.client = client;
        this.model = model;
        this.chunks = chunks;
        this.clock = clock;
        var openSearch = new OpenSearchProperties(URI.create(EngineFixture.shared().openSearchUrl()), chunks, status,
                Duration.ofSeconds(2), Duration.ofSeconds(30), 1, 0);
        var bootstrap = new IndexBootstrap(client, openSearch, new IndexProperties(model.dimensions(), 16, 100, "unused", 1,
                200, Duration.ofSeconds(10), 100, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(2),
                ModelCatalog.find(model.id()).isPresent() ? model.id() : ModelCatalog.DEFAULT_ID));
        assertThat(bootstrap.ensureIndices()).as(String.valueOf(bootstrap.problem())).isTrue();
        var store = new OpenSearchIndexStore(client, chunks, status, new OpenSearchCalls(CircuitBreaker.ofDefaults("test-index")));
        this.indexer = new DocumentIndexer(new IndexPlanner(model.dimensions(), clock), store, recorded -> { },
                new IndexMetrics(new SimpleMeterRegistry()), clock);
    }

    public DocumentIndexer indexer() {
        return indexer;
    }

    /** Indexes a one-chunk text document of source "test" and makes it searchable. */
    public void put(String id, String title, String text, Acl acl) {
        put(id, title, text, acl, null, null);
    }

    /** The same, its one chunk on {@code page} of {@code origin} (either may be null). */
    public void put(String id, String title, String text, Acl acl, Integer page, String origin) {
        var header = new DocumentHeader(id, "test", 1, Operation.UPSERT, title, "https://intranet/" + id, "text/plain",
                Map.of(), acl, clock.instant());
        indexer.index(new EmbeddedDocument(header, "hash-" + id, "test-model",
                List.of(new EmbeddedChunk(0, text, page, origin, model.embedPassages(List.of(text)).get(0)))));
        try {
            client.indices().refresh(r -> r.index(chunks));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
