package io.freshet.index;

import io.freshet.contract.index.ModelCatalog;
import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedChunk;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.Operation;
import io.freshet.contract.event.Topics;
import io.freshet.contract.index.ChunkIndex;
import io.freshet.contract.failure.DeadLetterHeaders;
import io.freshet.infra.EngineFixture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole service against real Kafka and OpenSearch: events in, searchable chunks out, garbage dead-lettered. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // What the indicators report; the service itself shows no details over HTTP (pipeline-defaults.yml).
        "management.endpoint.health.show-details=always",
        // The operator's reset is exposed only while an operator needs it (docs/operations.md).
        "management.endpoints.web.exposure.include=health,prometheus,documents"})
@AutoConfigureMetrics
class IndexServiceApplicationTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> EngineFixture.shared().kafkaBootstrapServers());
        registry.add("freshet.opensearch.url", () -> EngineFixture.shared().openSearchUrl());
        registry.add("freshet.opensearch.chunk-index", () -> "it-app-chunks-" + RUN);
        registry.add("freshet.opensearch.status-index", () -> "it-app-status-" + RUN);
        registry.add("freshet.index.consumer-group", () -> "it-index-service-" + RUN);
    }

    @Autowired
    KafkaTemplate<Object, Object> kafka;
    @Autowired
    OpenSearchClient client;
    @Autowired
    OpenSearchIndexStore store;
    @LocalServerPort
    int port;

    private final EventCodec codec = new EventCodec();
    private final String chunkIndex = "it-app-chunks-" + RUN;

    @Test
    void anEmbeddedDocumentBecomesSearchableAndANewerRejectionRemovesIt() throws Exception {
        String id = "app-doc-" + RUN;
        var header = new DocumentHeader(id, "test", 1, Operation.UPSERT, "Leave policy", "https://intranet/leave",
                "text/plain", Map.of(), Acl.publicAcl(), Instant.now());
        var event = new EmbeddedDocument(header, "hash", ModelCatalog.DEFAULT_ID, List.of(
                new EmbeddedChunk(0, "Employees get 25 days of annual leave.", null, null, unitVector(1)),
                new EmbeddedChunk(1, "Unused leave expires in March.", null, null, unitVector(2))));
        kafka.send(Topics.EMBEDDED, id, codec.write(event)).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(matchingChunks("annual leave")).contains(ChunkIndex.chunkId(id, 0)));
        assertThat(store.status(id)).get().extracting(DocumentStatus::state).isEqualTo(DocumentState.INDEXED);
        DocumentStatus published = codec.readStatus(awaitRecord(Topics.INDEXED, id).value());
        assertThat(published).as("what was recorded reaches the read model on " + Topics.INDEXED)
                .extracting(DocumentStatus::state, DocumentStatus::version, DocumentStatus::chunks, DocumentStatus::contentHash)
                .containsExactly(DocumentState.INDEXED, 1L, 2, "hash");

        var rejection = new DocumentStatus(id, 2, DocumentState.REJECTED, 0, "password-protected PDF", null, Instant.now(),
                "test", Acl.publicAcl());
        kafka.send(Topics.STATUS, id, codec.write(rejection)).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(store.status(id)).get().extracting(DocumentStatus::state)
                        .isEqualTo(DocumentState.REJECTED));
        assertThat(matchingChunks("annual leave")).doesNotContain(ChunkIndex.chunkId(id, 0));

        String prometheus = get("/actuator/prometheus");
        assertThat(prometheus).contains("freshet_index_freshness_seconds_bucket");
        assertThat(prometheus).containsPattern("freshet_index_events_total\\{.*outcome=\"indexed\".*} [1-9]");
        assertThat(get("/actuator/health")).contains("\"indices\"").contains("\"openSearch\"");
    }

    @Test
    void pendingThenIndexedThenAnUnchangedTextRelabelsAndAContradictedOneIsDeadLetteredAndVisible() throws Exception {
        String id = "app-pending-" + RUN;
        kafka.send(Topics.STATUS, id, codec.write(new DocumentStatus(id, 1, DocumentState.PENDING, 0, null, null, Instant.now())))
                .get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(store.status(id)).get().extracting(DocumentStatus::state)
                        .isEqualTo(DocumentState.PENDING));

        var v1 = new DocumentHeader(id, "test", 1, Operation.UPSERT, "Expense rules", null, "text/plain", Map.of(),
                Acl.restrictedTo("group:finance"), Instant.now());
        kafka.send(Topics.EMBEDDED, id, codec.write(new EmbeddedDocument(v1, "hash-a", ModelCatalog.DEFAULT_ID, List.of(
                new EmbeddedChunk(0, "Receipts are required for meals over 25 euros.", null, null, unitVector(3)))))).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(store.status(id)).get().extracting(DocumentStatus::state, DocumentStatus::version)
                        .containsExactly(DocumentState.INDEXED, 1L));

        var v2 = new DocumentHeader(id, "test", 2, Operation.UPSERT, "Expense rules 2027", null, "text/plain", Map.of(),
                Acl.publicAcl(), Instant.now());
        kafka.send(Topics.EMBEDDED, id, codec.write(EmbeddedDocument.unchanged(v2, "hash-a"))).get(10, TimeUnit.SECONDS);
        // One _bulk writes the chunk and the status record, on different shards: wait for the chunk itself.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(chunk(ChunkIndex.chunkId(id, 0))).containsEntry(ChunkIndex.VERSION, 2));
        assertThat(store.status(id)).get().extracting(DocumentStatus::state).isEqualTo(DocumentState.INDEXED);
        assertThat(chunk(ChunkIndex.chunkId(id, 0)))
                .containsEntry(ChunkIndex.TITLE, "Expense rules 2027").containsEntry(ChunkIndex.ACL_PUBLIC, true)
                .containsEntry(ChunkIndex.TEXT, "Receipts are required for meals over 25 euros.");

        var v3 = new DocumentHeader(id, "test", 3, Operation.UPSERT, "Expense rules", null, "text/plain", Map.of(),
                Acl.publicAcl(), Instant.now());
        kafka.send(Topics.EMBEDDED, id, codec.write(EmbeddedDocument.unchanged(v3, "hash-b"))).get(10, TimeUnit.SECONDS);
        ConsumerRecord<String, String> dead = awaitRecord(Topics.deadLetter(Topics.EMBEDDED), id);
        assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                .contains("unchanged").contains("hash-b");
        DocumentStatus rejected = store.status(id).orElseThrow();
        assertThat(rejected.state()).isEqualTo(DocumentState.REJECTED);
        assertThat(rejected.version()).isEqualTo(3);
        assertThat(matchingChunks("receipts meals")).doesNotContain(ChunkIndex.chunkId(id, 0));
    }

    @Test
    void anotherSourcesEventIsDeadLetteredUntilAnOperatorResetsTheDocument() throws Exception {
        String id = "app-owned/" + RUN;
        var owner = new DocumentHeader(id, "cms", 2, Operation.UPSERT, "Travel policy", null, "text/plain", Map.of(),
                Acl.publicAcl(), Instant.now());
        kafka.send(Topics.EMBEDDED, id, codec.write(new EmbeddedDocument(owner, "hash-owner", ModelCatalog.DEFAULT_ID, List.of(
                new EmbeddedChunk(0, "Book trains for trips under four hours.", null, null, unitVector(5)))))).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(store.status(id)).get().extracting(DocumentStatus::source).isEqualTo("cms"));

        var intruder = new DocumentHeader(id, "intruder", 9_007_199_254_740_991L, Operation.UPSERT, "Mine", null, "text/plain",
                Map.of(), Acl.publicAcl(), Instant.now());
        kafka.send(Topics.EMBEDDED, id, codec.write(new EmbeddedDocument(intruder, "hash-intruder", ModelCatalog.DEFAULT_ID, List.of(
                new EmbeddedChunk(0, "Fly first class always.", null, null, unitVector(6)))))).get(10, TimeUnit.SECONDS);
        ConsumerRecord<String, String> dead = awaitRecord(Topics.deadLetter(Topics.EMBEDDED), id);
        assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                .contains("belongs to source 'cms'");
        assertThat(store.status(id)).get().extracting(DocumentStatus::version).isEqualTo(2L);

        HttpResponse<String> reset = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/documents/" + id)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(reset.body()).contains("\"chunksRemoved\":1").contains("\"statusRemoved\":true");
        assertThat(store.status(id)).isEmpty();
        assertThat(matchingChunks("trains trips hours")).doesNotContain(ChunkIndex.chunkId(id, 0));

        var newOwner = new DocumentHeader(id, "sharepoint", 1, Operation.UPSERT, "Travel", null, "text/plain", Map.of(),
                Acl.publicAcl(), Instant.now());
        kafka.send(Topics.EMBEDDED, id, codec.write(new EmbeddedDocument(newOwner, "hash-new", ModelCatalog.DEFAULT_ID, List.of(
                new EmbeddedChunk(0, "Trains are preferred.", null, null, unitVector(7)))))).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(store.status(id)).get()
                        .extracting(DocumentStatus::source, DocumentStatus::version).containsExactly("sharepoint", 1L));
    }

    @Test
    void garbageGoesToTheDeadLetterTopicWithItsReason() throws Exception {
        String key = "garbage-" + RUN;
        kafka.send(Topics.EMBEDDED, key, "this is { not an event").get(10, TimeUnit.SECONDS);

        ConsumerRecord<String, String> dead = awaitRecord(Topics.deadLetter(Topics.EMBEDDED), key);

        assertThat(dead.value()).isEqualTo("this is { not an event");
        String reason = new String(dead.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8);
        assertThat(reason).contains("malformed JSON");
    }

    private List<String> matchingChunks(String text) throws Exception {
        client.indices().refresh(r -> r.index(chunkIndex));
        @SuppressWarnings("rawtypes")
        var response = client.search(s -> s.index(chunkIndex)
                .query(q -> q.match(m -> m.field(ChunkIndex.TEXT).query(FieldValue.of(text)))), Map.class);
        return response.hits().hits().stream().map(h -> h.id()).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> chunk(String chunkId) throws Exception {
        var response = client.get(g -> g.index(chunkIndex).id(chunkId), Map.class);
        return response.found() ? (Map<String, Object>) response.source() : Map.of();
    }

    private ConsumerRecord<String, String> awaitRecord(String topic, String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EngineFixture.shared().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                var found = new ArrayList<ConsumerRecord<String, String>>();
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                Optional<ConsumerRecord<String, String>> first = found.stream().findFirst();
                if (first.isPresent()) {
                    return first.get();
                }
            }
        }
        throw new AssertionError("no record with key " + key + " on " + topic + " within 60 s");
    }

    @Test
    void probesLivenessAloneReadinessWithKafkaOpenSearchAndTheIndices() throws Exception {
        assertThat(components("/actuator/health/liveness")).containsExactly("livenessState");
        // The indices are created at start-up: ready once they exist.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(components("/actuator/health/readiness"))
                .containsExactlyInAnyOrder("readinessState", "kafka", "openSearch", "indices"));
    }

    /** The components of a health group, which must be UP (200). */
    private Collection<String> components(String path) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body()).path("components").propertyNames();
    }

    private String get(String path) throws Exception {
        var response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static float[] unitVector(long seed) {
        var random = new Random(seed);
        float[] vector = new float[384];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
            norm += vector[i] * vector[i];
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= (float) Math.sqrt(norm);
        }
        return vector;
    }
}
