package io.freshet.index;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.Operation;
import io.freshet.contract.index.ChunkIndex;
import io.freshet.contract.index.ModelCatalog;
import io.freshet.pipeline.opensearch.OpenSearchCalls;
import io.freshet.pipeline.opensearch.OpenSearchProperties;
import io.freshet.contract.failure.PoisonEventException;
import io.freshet.contract.failure.TransientFailureException;
import io.freshet.infra.EngineFixture;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The writer against a real OpenSearch + k-NN node: what is searchable after each kind of event. */
class DocumentIndexerOpenSearchTest {

    static final int DIMS = 4;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String CHUNKS = "it-writer-chunks-" + RUN;
    static final String STATUS = "it-writer-status-" + RUN;

    private static OpenSearchTransport transport;
    static OpenSearchClient client;
    static OpenSearchIndexStore store;
    static DocumentIndexer indexer;
    private static final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    static final List<DocumentStatus> FEED = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Shared with {@link DocumentIndexerBatchTest}: idempotent, one pair of indices per run. */
    @BeforeAll
    static synchronized void indices() {
        if (client != null) {
            return;
        }
        transport = transport(URI.create(EngineFixture.shared().openSearchUrl()));
        client = new OpenSearchClient(transport);
        var openSearch = new OpenSearchProperties(URI.create(EngineFixture.shared().openSearchUrl()), CHUNKS, STATUS,
                Duration.ofSeconds(2), Duration.ofSeconds(30), 1, 0);
        var properties = new IndexProperties(DIMS, 16, 100, "unused", 1, 200, Duration.ofSeconds(10), 100,
                Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(2), ModelCatalog.DEFAULT_ID);
        var bootstrap = new IndexBootstrap(client, openSearch, properties);
        assertThat(bootstrap.ensureIndices()).as(bootstrap.problem()).isTrue();
        assertThat(bootstrap.ensureIndices()).as("idempotent on existing indices").isTrue();

        store = new OpenSearchIndexStore(client, CHUNKS, STATUS, new OpenSearchCalls(CircuitBreaker.ofDefaults("test")));
        indexer = new DocumentIndexer(new IndexPlanner(DIMS, Clock.systemUTC()), store, FEED::add, new IndexMetrics(metrics),
                Clock.systemUTC());
    }

    @AfterAll
    static synchronized void close() throws IOException {
        transport.close();
        client = null;
    }

    @Test
    void upsertShrinkStaleAndDeleteLeaveExactlyTheCurrentVersionSearchable() throws IOException {
        // The registry is shared by every test of the class: count what this test adds.
        double staleBefore = metrics.get("freshet.index.events").tag("outcome", "skipped_stale").counter().count();
        long freshnessBefore = metrics.get("freshet.index.freshness").timer().count();
        indexer.index(IndexPlannerTest.upsert("lifecycle", 1, 3));
        assertThat(chunkTexts("lifecycle")).containsExactlyInAnyOrder("text 0 of v1", "text 1 of v1", "text 2 of v1");
        assertThat(store.status("lifecycle")).get().extracting(DocumentStatus::state, DocumentStatus::chunks)
                .containsExactly(DocumentState.INDEXED, 3);

        indexer.index(IndexPlannerTest.upsert("lifecycle", 2, 1));
        assertThat(chunkTexts("lifecycle")).as("shrunk to one chunk: nothing of v1 remains").containsExactly("text 0 of v2");

        IndexPlan stale = indexer.index(IndexPlannerTest.upsert("lifecycle", 1, 3));
        assertThat(stale).isInstanceOf(IndexPlan.Skip.class);
        assertThat(chunkTexts("lifecycle")).as("an older version changes nothing").containsExactly("text 0 of v2");

        indexer.index(IndexPlannerTest.delete("lifecycle", 3));
        assertThat(chunkTexts("lifecycle")).isEmpty();
        assertThat(store.status("lifecycle")).get().extracting(DocumentStatus::state, DocumentStatus::version)
                .containsExactly(DocumentState.DELETED, 3L);

        indexer.index(IndexPlannerTest.upsert("lifecycle", 2, 2));
        assertThat(chunkTexts("lifecycle")).as("the tombstone keeps a late older upsert out").isEmpty();

        assertThat(metrics.get("freshet.index.events").tag("outcome", "skipped_stale").counter().count())
                .isEqualTo(staleBefore + 2);
        assertThat(metrics.get("freshet.index.freshness").timer().count()).as("v1, v2 and the delete written")
                .isEqualTo(freshnessBefore + 3);
    }

    @Test
    void theStoredChunkHasTheVectorAndFieldsTheQuerySideNeeds() throws IOException {
        indexer.index(IndexPlannerTest.upsert("fields", 4, 1));

        client.indices().refresh(r -> r.index(CHUNKS));
        @SuppressWarnings("rawtypes")
        // Filtered to this document too: the other tests' chunks have the same vector and would crowd it out of k.
        SearchResponse<Map> knn = client.search(s -> s.index(CHUNKS).size(5)
                .query(q -> q.knn(k -> k.field(ChunkIndex.EMBEDDING).vector(1f, 0f, 0f, 0f).k(5)
                        .filter(f -> f.bool(b -> b
                                .filter(t -> t.term(v -> v.field(ChunkIndex.ACL_PRINCIPALS).value(FieldValue.of("group:hr"))))
                                .filter(t -> t.term(v -> v.field(ChunkIndex.DOCUMENT_ID).value(FieldValue.of("fields")))))))),
                Map.class);
        assertThat(knn.hits().hits()).extracting(Hit::id).contains("fields#0");
        Map<?, ?> source = knn.hits().hits().stream().filter(h -> h.id().equals("fields#0")).findFirst().orElseThrow().source();
        assertThat(source.get(ChunkIndex.PAGE)).isEqualTo(1);
        assertThat(source.get(ChunkIndex.ORIGIN)).isEqualTo("attachment: a.pdf");
        assertThat(source.get(ChunkIndex.ACL_PUBLIC)).isEqualTo(false);
    }

    @Test
    void aRedeliveryIsSkippedAndChangesNothing() throws IOException {
        indexer.index(IndexPlannerTest.upsert("redelivered", 5, 2));
        IndexPlan again = indexer.index(IndexPlannerTest.upsert("redelivered", 5, 2));

        assertThat(again).isEqualTo(new IndexPlan.Skip("redelivered", 5, IndexPlan.SkipReason.ALREADY_APPLIED, 5));
        assertThat(chunkTexts("redelivered")).hasSize(2);
    }

    @Test
    void withoutAStatusRecordLeftoverChunksOfOtherVersionsAreSweptAway() throws IOException {
        indexer.index(IndexPlannerTest.upsert("orphan", 1, 4));
        client.delete(d -> d.index(STATUS).id("orphan")); // as if the status index had been lost

        indexer.index(IndexPlannerTest.upsert("orphan", 2, 2));

        assertThat(chunkTexts("orphan")).containsExactlyInAnyOrder("text 0 of v2", "text 1 of v2");
    }

    @Test
    void aNewerRejectionTakesTheOldTextOutOfTheIndex() throws IOException {
        indexer.index(IndexPlannerTest.upsert("rejected", 1, 2));

        indexer.recordVerdict(new DocumentStatus("rejected", 2, DocumentState.REJECTED, 0, "encrypted PDF", null, Instant.now(),
                "wiki", null));

        assertThat(chunkTexts("rejected")).isEmpty();
        DocumentStatus status = store.status("rejected").orElseThrow();
        assertThat(status.state()).isEqualTo(DocumentState.REJECTED);
        assertThat(status.reason()).isEqualTo("encrypted PDF");
    }

    @Test
    void anUpsertWithoutTextIsRecordedAsRejected() throws IOException {
        indexer.index(IndexPlannerTest.upsert("empty", 1, 2));
        indexer.index(IndexPlannerTest.upsert("empty", 2, 0));

        assertThat(chunkTexts("empty")).isEmpty();
        assertThat(store.status("empty").orElseThrow().reason()).isEqualTo(IndexPlanner.NO_TEXT);
    }

    @Test
    void anUnchangedTextKeepsTextAndVectorsAndTakesTheNewHeader() throws IOException {
        indexer.index(IndexPlannerTest.upsert("relabel", 1, 3));
        indexer.recordVerdict(pendingVerdict("relabel", 2));
        assertThat(store.status("relabel")).get().extracting(DocumentStatus::state, DocumentStatus::version, DocumentStatus::chunks,
                DocumentStatus::contentHash).containsExactly(DocumentState.PENDING, 2L, 3, "hash-1");
        assertThat(chunkTexts("relabel")).as("still searchable while PENDING").hasSize(3);

        var header = new DocumentHeader("relabel", "wiki", 2, Operation.UPSERT, "New title", null, "text/plain",
                Map.of("owner", "finance"), Acl.publicAcl(), Instant.parse("2026-02-01T00:00:00Z"));
        IndexPlan plan = indexer.index(EmbeddedDocument.unchanged(header, "hash-1"));

        assertThat(plan).isInstanceOf(IndexPlan.UpdateHeaders.class);
        Map<String, Map<String, Object>> chunks = chunkSources("relabel");
        assertThat(chunks).containsOnlyKeys("relabel#0", "relabel#1", "relabel#2");
        Map<String, Object> first = chunks.get("relabel#0");
        assertThat(first).containsEntry(ChunkIndex.TEXT, "text 0 of v1")
                .containsEntry(ChunkIndex.VERSION, 2)
                .containsEntry(ChunkIndex.TITLE, "New title")
                .containsEntry(ChunkIndex.METADATA, Map.of("owner", "finance"))
                .containsEntry(ChunkIndex.ACL_PUBLIC, true)
                .containsEntry(ChunkIndex.ACL_PRINCIPALS, List.of())
                .containsEntry(ChunkIndex.CONTENT_HASH, "hash-1")
                .containsEntry(ChunkIndex.PAGE, 1)
                .containsEntry(ChunkIndex.EVENT_TIME, "2026-02-01T00:00:00Z")
                .doesNotContainKey(ChunkIndex.URL);
        assertThat(first.get(ChunkIndex.EMBEDDING)).as("the vector is kept").isEqualTo(List.of(1.0, 0.0, 0.0, 0.0));
        assertThat(store.status("relabel")).get().extracting(DocumentStatus::state, DocumentStatus::version, DocumentStatus::chunks, DocumentStatus::contentHash)
                .containsExactly(DocumentState.INDEXED, 2L, 3, "hash-1");

        // The old ACL no longer applies: the k-NN search of a caller without principals now finds it.
        client.indices().refresh(r -> r.index(CHUNKS));
        @SuppressWarnings("rawtypes")
        SearchResponse<Map> open = client.search(s -> s.index(CHUNKS).size(10)
                .query(q -> q.knn(k -> k.field(ChunkIndex.EMBEDDING).vector(1f, 0f, 0f, 0f).k(10)
                        .filter(f -> f.term(t -> t.field(ChunkIndex.ACL_PUBLIC).value(FieldValue.of(true)))))), Map.class);
        assertThat(open.hits().hits()).extracting(Hit::id).contains("relabel#0");

        assertThat(indexer.index(EmbeddedDocument.unchanged(header, "hash-1"))).as("redelivery")
                .isEqualTo(new IndexPlan.Skip("relabel", 2, IndexPlan.SkipReason.ALREADY_APPLIED, 2));
    }

    @Test
    void aPendingVerdictChangesOnlyAnOlderRecordAndNeedsNoRead() {
        indexer.index(IndexPlannerTest.upsert("pending-order", 2, 3));

        indexer.recordVerdict(pendingVerdict("pending-order", 2));
        indexer.recordVerdict(pendingVerdict("pending-order", 1));
        assertThat(store.status("pending-order")).as("a late PENDING of the indexed version or an older one changes nothing")
                .get().extracting(DocumentStatus::state, DocumentStatus::version, DocumentStatus::chunks)
                .containsExactly(DocumentState.INDEXED, 2L, 3);

        indexer.recordVerdict(pendingVerdict("pending-new", 1));
        assertThat(store.status("pending-new")).as("a document never seen before").get()
                .extracting(DocumentStatus::state, DocumentStatus::version, DocumentStatus::chunks, DocumentStatus::contentHash)
                .containsExactly(DocumentState.PENDING, 1L, 0, null);
    }

    @Test
    void anotherSourcesPendingVerdictCannotPushTheVersionOfADocumentItDoesNotOwn() {
        indexer.index(IndexPlannerTest.upsert("owned", 2, 1));

        indexer.recordVerdict(new DocumentStatus("owned", Long.MAX_VALUE, DocumentState.PENDING, 0, null, null, Instant.now(),
                "intruder", Acl.publicAcl()));
        assertThat(store.status("owned")).get().extracting(DocumentStatus::state, DocumentStatus::version)
                .containsExactly(DocumentState.INDEXED, 2L);

        indexer.recordVerdict(pendingVerdict("owned", 3));
        assertThat(store.status("owned")).get().extracting(DocumentStatus::state, DocumentStatus::version)
                .containsExactly(DocumentState.PENDING, 3L);
    }

    static DocumentStatus pendingVerdict(String id, long version) {
        return new DocumentStatus(id, version, DocumentState.PENDING, 0, null, null, Instant.now(), "wiki",
                Acl.restrictedTo("alice", "group:hr"));
    }

    @Test
    void everyRecordedStatusReachesTheReadModelAndARedeliveryPublishesItAgain() {
        FEED.clear();
        indexer.index(IndexPlannerTest.upsert("feed", 1, 2));
        indexer.index(IndexPlannerTest.upsert("feed", 1, 2));
        indexer.index(IndexPlannerTest.delete("feed", 2));

        assertThat(FEED).filteredOn(s -> s.id().equals("feed"))
                .extracting(DocumentStatus::state, DocumentStatus::version, DocumentStatus::chunks)
                .containsExactly(tuple(DocumentState.INDEXED, 1L, 2), tuple(DocumentState.INDEXED, 1L, 2),
                        tuple(DocumentState.DELETED, 2L, 0));
    }

    @Test
    void aPendingRecordThenAShrinkLeavesOnlyTheNewChunks() throws IOException {
        indexer.index(IndexPlannerTest.upsert("pending-shrink", 1, 5));
        indexer.recordVerdict(pendingVerdict("pending-shrink", 2));

        indexer.index(IndexPlannerTest.upsert("pending-shrink", 2, 2));

        assertThat(chunkTexts("pending-shrink")).containsExactlyInAnyOrder("text 0 of v2", "text 1 of v2");
        assertThat(store.status("pending-shrink")).get().extracting(DocumentStatus::state, DocumentStatus::chunks)
                .containsExactly(DocumentState.INDEXED, 2);
    }

    @Test
    void anUnchangedClaimThatTheIndexContradictsIsRejectedVisiblyAndItsChunksRemoved() throws IOException {
        indexer.index(IndexPlannerTest.upsert("contradicted", 1, 2));
        // As if the chunk had been overwritten with other text behind the status record's back.
        client.update(u -> u.index(CHUNKS).id("contradicted#1").doc(Map.of(ChunkIndex.CONTENT_HASH, "other")), Map.class);

        var event = EmbeddedDocument.unchanged(IndexPlannerTest.header("contradicted", 2, Operation.UPSERT), "hash-1");
        assertThatThrownBy(() -> indexer.index(event))
                .isInstanceOf(VersionNotIndexableException.class)
                .hasMessageContaining("contradicted#1");

        assertThat(chunkTexts("contradicted")).as("no chunk answers for a version whose text is unknown").isEmpty();
        DocumentStatus status = store.status("contradicted").orElseThrow();
        assertThat(status.state()).isEqualTo(DocumentState.REJECTED);
        assertThat(status.version()).isEqualTo(2);
        assertThat(status.reason()).contains("send the document again");
    }

    @Test
    void aChunkTheMappingRefusesIsAPoisonEventWithOpenSearchsReason() {
        var status = new DocumentStatus("bad", 1, DocumentState.INDEXED, 1, null, null, Instant.now());
        var plan = new IndexPlan.Apply("bad", 1,
                List.of(new ChunkDocument("bad#0", Map.of(ChunkIndex.DOCUMENT_ID, "bad", "not_in_mapping", 1))),
                List.of(), status, false, null);

        assertThatThrownBy(() -> store.apply(plan))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("bad#0")
                .hasMessageContaining("strict_dynamic_mapping_exception");
    }

    @Test
    void anUnreachableClusterIsATransientFailureAndOpensTheBreaker() throws IOException {
        try (OpenSearchTransport down = transport(URI.create("http://127.0.0.1:1"))) {
            var breaker = CircuitBreaker.of("down", CircuitBreakerConfig.custom()
                    .minimumNumberOfCalls(2).slidingWindowSize(2).build());
            var unreachable = new OpenSearchIndexStore(new OpenSearchClient(down), CHUNKS, STATUS, new OpenSearchCalls(breaker));

            assertThatThrownBy(() -> unreachable.status("x")).isInstanceOf(TransientFailureException.class);
            assertThatThrownBy(() -> unreachable.status("x")).isInstanceOf(TransientFailureException.class);
            assertThatThrownBy(() -> unreachable.status("x"))
                    .isInstanceOf(TransientFailureException.class)
                    .hasMessageContaining("circuit breaker is open");
        }
    }

    @Test
    void theBootstrapReportsAnUnreachableClusterInsteadOfFailingAndTheWriterWaits() throws IOException {
        try (OpenSearchTransport down = transport(URI.create("http://127.0.0.1:1"))) {
            var openSearch = new OpenSearchProperties(URI.create("http://127.0.0.1:1"), CHUNKS, STATUS,
                    Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 0);
            var properties = new IndexProperties(DIMS, 16, 100, "unused", 1, 200, Duration.ofSeconds(10), 100,
                Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(2), ModelCatalog.DEFAULT_ID);
            var bootstrap = new IndexBootstrap(new OpenSearchClient(down), openSearch, properties);

            assertThat(bootstrap.ensureIndices()).isFalse();
            assertThat(bootstrap.problem()).contains("unavailable");
            assertThatThrownBy(bootstrap::requireReady).isInstanceOf(TransientFailureException.class);
        }
    }

    @Test
    void anExistingChunkIndexWithAnotherVectorSizeIsNotUsed() {
        var openSearch = new OpenSearchProperties(URI.create(EngineFixture.shared().openSearchUrl()), CHUNKS, STATUS,
                Duration.ofSeconds(2), Duration.ofSeconds(30), 1, 0);
        var properties = new IndexProperties(768, 16, 100, "unused", 1, 200, Duration.ofSeconds(10), 100,
                Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(2), ModelCatalog.DEFAULT_ID);
        var bootstrap = new IndexBootstrap(client, openSearch, properties);

        assertThat(bootstrap.ensureIndices()).isFalse();
        assertThat(bootstrap.problem()).contains("4-dimension").contains("768");
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Map<String, Map<String, Object>> chunkSources(String documentId) throws IOException {
        client.indices().refresh(r -> r.index(CHUNKS));
        SearchResponse<Map> response = client.search(s -> s.index(CHUNKS).size(100)
                .query(q -> q.term(t -> t.field(ChunkIndex.DOCUMENT_ID).value(FieldValue.of(documentId)))), Map.class);
        var sources = new java.util.TreeMap<String, Map<String, Object>>();
        response.hits().hits().forEach(h -> sources.put(h.id(), (Map<String, Object>) h.source()));
        return sources;
    }

    static List<String> chunkTexts(String documentId) throws IOException {
        client.indices().refresh(r -> r.index(CHUNKS));
        @SuppressWarnings("rawtypes")
        SearchResponse<Map> response = client.search(s -> s.index(CHUNKS).size(100)
                .query(q -> q.term(t -> t.field(ChunkIndex.DOCUMENT_ID).value(FieldValue.of(documentId)))), Map.class);
        return response.hits().hits().stream().map(h -> (String) h.source().get(ChunkIndex.TEXT)).toList();
    }

    private static OpenSearchTransport transport(URI url) {
        return ApacheHttpClient5TransportBuilder.builder(new HttpHost(url.getScheme(), url.getHost(), url.getPort()))
                .setMapper(new JacksonJsonpMapper())
                .build();
    }
}
