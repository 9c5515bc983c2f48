package io.freshet.index;

import io.freshet.contract.index.ChunkIndex;
import io.freshet.contract.index.ModelCatalog;
import io.freshet.contract.index.StatusIndex;
import io.freshet.infra.EngineFixture;
import io.freshet.pipeline.opensearch.OpenSearchProperties;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-model indices behind the readers' aliases, on a real OpenSearch node. */
class IndexBootstrapTest {

    private static final String SECOND_MODEL = "all-minilm-l6-v2-int8";

    private static OpenSearchTransport transport;
    private static OpenSearchClient client;
    private static IndexAdmin admin;

    @BeforeAll
    static void connect() {
        URI url = URI.create(EngineFixture.shared().openSearchUrl());
        transport = ApacheHttpClient5TransportBuilder.builder(new HttpHost(url.getScheme(), url.getHost(), url.getPort())).build();
        client = new OpenSearchClient(transport);
        admin = new IndexAdmin(client);
    }

    @AfterAll
    static void close() throws IOException {
        transport.close();
    }

    @Test
    void theFirstModelGetsItsOwnIndicesAndTheAliasesAndAnotherModelsIndicesLeaveThemAlone() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String chunks = "it-boot-chunks-" + run;
        String status = "it-boot-status-" + run;

        IndexBootstrap first = bootstrap(chunks, status, ModelCatalog.DEFAULT_ID);
        assertThat(first.ensureIndices()).as(first.problem()).isTrue();
        assertThat(first.chunkIndex()).isEqualTo(chunks + "." + ModelCatalog.DEFAULT_ID);
        assertThat(admin.aliasTargets(chunks)).containsExactly(first.chunkIndex());
        assertThat(admin.aliasTargets(status)).containsExactly(first.statusIndex());
        assertThat(admin.mappings(chunks).get(first.chunkIndex()).path("_meta").path(ModelCatalog.META_MODEL).asString())
                .isEqualTo(ModelCatalog.DEFAULT_ID);

        IndexBootstrap second = bootstrap(chunks, status, SECOND_MODEL);
        assertThat(second.ensureIndices()).as(second.problem()).isTrue();
        assertThat(admin.exists(second.chunkIndex())).isTrue();
        assertThat(admin.aliasTargets(chunks)).as("the serving model keeps the alias").containsExactly(first.chunkIndex());

        admin.moveAliases(Map.of(chunks, second.chunkIndex(), status, second.statusIndex()), List.of());
        assertThat(admin.aliasTargets(chunks)).containsExactly(second.chunkIndex());
        assertThat(admin.aliasTargets(status)).containsExactly(second.statusIndex());
        assertThat(first.ensureIndices()).as("a restart of the old model's service").isTrue();
        assertThat(admin.aliasTargets(chunks)).as("does not take the alias back").containsExactly(second.chunkIndex());
    }

    @Test
    void aPlainIndexFromBeforeAliasesIsCopiedIntoTheModelsIndexAndReplacedByTheAlias() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String chunks = "it-legacy-chunks-" + run;
        String status = "it-legacy-status-" + run;
        admin.createIfMissing(chunks, ChunkIndex.indexBody(384, 16, 100, 1, 0));
        admin.createIfMissing(status, StatusIndex.indexBody(1, 0));
        admin.putMapping(status, StatusIndex.accessMappingBody());
        client.index(i -> i.index(status).id("old-doc").document(Map.of(StatusIndex.ID, "old-doc", StatusIndex.VERSION, 3,
                StatusIndex.STATE, "INDEXED", StatusIndex.CHUNKS, 0)).refresh(org.opensearch.client.opensearch._types.Refresh.True));

        IndexBootstrap bootstrap = bootstrap(chunks, status, ModelCatalog.DEFAULT_ID);
        assertThat(bootstrap.ensureIndices()).as(bootstrap.problem()).isTrue();

        assertThat(admin.isPlainIndex(chunks)).isFalse();
        assertThat(admin.aliasTargets(chunks)).containsExactly(bootstrap.chunkIndex());
        assertThat(admin.aliasTargets(status)).containsExactly(bootstrap.statusIndex());
        assertThat(client.get(g -> g.index(status).id("old-doc"), Map.class).found()).as("records copied").isTrue();
    }

    private static IndexBootstrap bootstrap(String chunks, String status, String model) {
        var openSearch = new OpenSearchProperties(URI.create(EngineFixture.shared().openSearchUrl()), chunks, status,
                Duration.ofSeconds(2), Duration.ofSeconds(30), 1, 0);
        var properties = new IndexProperties(null, 16, 100, "unused", 1, 200, Duration.ofSeconds(10), 100,
                Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(2), model);
        return new IndexBootstrap(client, openSearch, properties);
    }
}
