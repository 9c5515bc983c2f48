package io.freshet.embed;

import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedChunk;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.ExtractedDocument;
import io.freshet.contract.event.Operation;
import io.freshet.contract.event.TextSection;
import io.freshet.contract.event.Topics;
import io.freshet.contract.failure.DeadLetterHeaders;
import io.freshet.embedding.EmbeddingModel;
import io.freshet.infra.EngineFixture;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.freshet.embed.ChunkerTest.words;
import static org.assertj.core.api.Assertions.assertThat;

/** embed-service against a real Kafka broker (its own process, started by EngineFixture); it no longer reads OpenSearch. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "freshet.embed.consumer-group=embed-service-it",
        "freshet.embed.max-chunks=20",
        // What the indicators report; the service itself shows no details over HTTP (pipeline-defaults.yml).
        "management.endpoint.health.show-details=always",
        "freshet.kafka.transient-retry-start=200ms"})
@AutoConfigureMetrics
class EmbedServiceIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static KafkaConsumer<String, String> embeddedTopic;
    private static KafkaConsumer<String, String> deadLetters;
    private static KafkaConsumer<String, String> statusTopic;
    /** Records seen so far, by "topic key": each topic is read once, tests look up what they expect. */
    private static final Map<String, ConsumerRecord<String, String>> seen = new HashMap<>();

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> EngineFixture.shared().kafkaBootstrapServers());
    }

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    EmbeddingModel model;
    @Autowired
    Chunker chunker;
    @Autowired
    KafkaIndexedStatusView view;
    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    private final EventCodec codec = new EventCodec();

    @BeforeAll
    static void readOutputs() {
        embeddedTopic = consumer(Topics.EMBEDDED);
        deadLetters = consumer(Topics.deadLetter(Topics.EXTRACTED));
        statusTopic = consumer(Topics.STATUS);
    }

    @AfterAll
    static void closeReaders() {
        embeddedTopic.close();
        deadLetters.close();
        statusTopic.close();
    }

    @Test
    void anExtractedDocumentArrivesEmbedded() throws Exception {
        String id = "it-" + UUID.randomUUID();
        ExtractedDocument extracted = new ExtractedDocument(header(id, Operation.UPSERT, "Flood bulletin"), "sha-1", List.of(
                new TextSection(words("river", 0, 300), 1, null),
                new TextSection("The memo confirms the dam held overnight.", 2, "attachment: memo.txt")));
        double chunksBefore = meters.counter("freshet.embed.chunks").count();
        kafka.send(Topics.EXTRACTED, id, codec.write(extracted)).get(10, TimeUnit.SECONDS);

        ConsumerRecord<String, String> record = await(embeddedTopic, id);
        EmbeddedDocument embedded = codec.readEmbedded(record.value());

        assertThat(embedded.document()).isEqualTo(extracted.document());
        assertThat(embedded.contentHash()).isEqualTo("sha-1");
        assertThat(embedded.model()).isEqualTo("bge-small-en-v1.5-int8");
        List<Chunk> expected = chunker.chunk(extracted);
        assertThat(expected).hasSizeGreaterThan(1);
        assertThat(embedded.chunks()).extracting(EmbeddedChunk::text).containsExactlyElementsOf(
                expected.stream().map(Chunk::text).toList());
        assertThat(embedded.chunks()).extracting(EmbeddedChunk::origin).endsWith("attachment: memo.txt");
        assertThat(embedded.chunks()).extracting(EmbeddedChunk::page).startsWith(1).endsWith(2);
        for (int i = 0; i < expected.size(); i++) {
            float[] vector = embedded.chunks().get(i).vector();
            assertThat(vector).hasSize(384);
            // Packed float32 round-trips exactly, and batch size 1 makes the vector reproducible.
            assertThat(vector).containsExactly(model.embedPassage(expected.get(i).embeddingInput()));
        }

        // Counted just after the document is published, so it may trail the record by a moment.
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                meters.counter("freshet.embed.chunks").count()).isGreaterThanOrEqualTo(chunksBefore + expected.size()));
        String metrics = get("/actuator/prometheus");
        assertThat(metrics).containsPattern("freshet_embed_chunks_total(\\{[^}]*\\})? [1-9]");
        assertThat(metrics).contains("freshet_embed_document_duration_seconds_count");
    }

    @Test
    void aDeleteIsPassedOn() throws Exception {
        String id = "it-del-" + UUID.randomUUID();
        kafka.send(Topics.EXTRACTED, id, codec.write(ExtractedDocument.deletion(header(id, Operation.DELETE, null))))
                .get(10, TimeUnit.SECONDS);
        EmbeddedDocument embedded = codec.readEmbedded(await(embeddedTopic, id).value());
        assertThat(embedded.document().op()).isEqualTo(Operation.DELETE);
        assertThat(embedded.chunks()).isEmpty();
    }

    @Test
    void garbageIsDeadLetteredWithItsReasonAndTheNextRecordIsStillProcessed() throws Exception {
        String garbage = "garbage-" + UUID.randomUUID();
        String violation = "violation-" + UUID.randomUUID();
        String good = "after-" + UUID.randomUUID();
        // One partition, so the good record is behind the bad ones and can only arrive if they were skipped.
        kafka.send(Topics.EXTRACTED, 0, garbage, "{this is not json").get(10, TimeUnit.SECONDS);
        kafka.send(Topics.EXTRACTED, 0, violation, "{\"sections\":[]}").get(10, TimeUnit.SECONDS);
        ExtractedDocument after = new ExtractedDocument(header(good, Operation.UPSERT, "After"), "sha-2",
                List.of(TextSection.of("Processing continues after a poison record.")));
        kafka.send(Topics.EXTRACTED, 0, good, codec.write(after)).get(10, TimeUnit.SECONDS);

        ConsumerRecord<String, String> dead = await(deadLetters, garbage);
        assertThat(dead.value()).isEqualTo("{this is not json");
        assertThat(header(dead, DeadLetterHeaders.REASON)).contains("malformed JSON");
        assertThat(header(dead, DeadLetterHeaders.EXCEPTION)).isEqualTo("io.freshet.contract.failure.PoisonEventException");
        assertThat(header(await(deadLetters, violation), DeadLetterHeaders.REASON)).contains("contract violation");

        EmbeddedDocument embedded = codec.readEmbedded(await(embeddedTopic, good).value());
        assertThat(embedded.chunks()).singleElement()
                .satisfies(chunk -> assertThat(chunk.text()).isEqualTo("Processing continues after a poison record."));
    }

    @Test
    void textTheIndexHoldsIsNotEmbeddedAgainAndAnOlderVersionIsNotEmbeddedAtAll() throws Exception {
        String unchanged = "it-same-" + UUID.randomUUID();
        String stale = "it-stale-" + UUID.randomUUID();
        String after = "it-after-" + UUID.randomUUID();
        recordStatus(unchanged, 5, DocumentState.INDEXED, 2, "sha-same");
        recordStatus(stale, 5, DocumentState.PENDING, 2, "sha-old");

        var header = new DocumentHeader(unchanged, "it", 6, Operation.UPSERT, "Renamed", null, "text/plain",
                Map.of("k", "v"), null, Instant.parse("2026-11-23T12:00:00Z"));
        kafka.send(Topics.EXTRACTED, 0, unchanged, codec.write(new ExtractedDocument(header, "sha-same",
                List.of(TextSection.of("The same text as before."))))).get(10, TimeUnit.SECONDS);
        // One partition: "after" is behind the stale one, so once it is out, the stale one was handled.
        kafka.send(Topics.EXTRACTED, 0, stale, codec.write(new ExtractedDocument(header(stale, Operation.UPSERT, "Old"),
                "sha-older", List.of(TextSection.of("An older version."))))).get(10, TimeUnit.SECONDS);
        kafka.send(Topics.EXTRACTED, 0, after, codec.write(new ExtractedDocument(header(after, Operation.UPSERT, "After"),
                "sha-after", List.of(TextSection.of("A new document."))))).get(10, TimeUnit.SECONDS);

        EmbeddedDocument embedded = codec.readEmbedded(await(embeddedTopic, unchanged).value());
        assertThat(embedded.contentUnchanged()).isTrue();
        assertThat(embedded.chunks()).isEmpty();
        assertThat(embedded.contentHash()).isEqualTo("sha-same");
        assertThat(embedded.document()).isEqualTo(header);

        assertThat(codec.readEmbedded(await(embeddedTopic, after).value()).chunks()).hasSize(1);
        assertThat(seenOn(Topics.EMBEDDED, stale)).as("nothing published for the stale version").isFalse();
        assertThat(get("/actuator/prometheus"))
                .containsPattern("freshet_embed_documents_total\\{[^}]*outcome=\"unchanged\"[^}]*\\} [1-9]")
                .containsPattern("freshet_embed_documents_total\\{[^}]*outcome=\"stale\"[^}]*\\} [1-9]");
    }

    @Test
    void aDocumentOverTheChunkLimitIsReportedRejectedWithItsReasonAndDeadLettered() throws Exception {
        String id = "it-huge-" + UUID.randomUUID();
        ExtractedDocument huge = new ExtractedDocument(header(id, Operation.UPSERT, "Huge"), "sha-huge",
                List.of(TextSection.of(words("huge", 0, 6000))));
        kafka.send(Topics.EXTRACTED, id, codec.write(huge)).get(10, TimeUnit.SECONDS);

        DocumentStatus status = codec.readStatus(await(statusTopic, id).value());
        assertThat(status.state()).isEqualTo(DocumentState.REJECTED);
        assertThat(status.version()).isEqualTo(1);
        assertThat(status.reason()).contains("over the limit of 20");
        assertThat(header(await(deadLetters, id), DeadLetterHeaders.REASON)).contains("over the limit of 20");
    }

    @Test
    void healthShowsTheModelAndTheBroker() throws Exception {
        String health = get("/actuator/health");
        assertThat(health).contains("\"status\":\"UP\"").contains("bge-small-en-v1.5-int8").contains("\"dimensions\":384")
                .contains("\"kafka\"").contains("\"indexedStatusView\"");
    }

    @Test
    void probesLivenessAloneReadinessWithKafkaAndTheModel() throws Exception {
        assertThat(components("/actuator/health/liveness")).containsExactly("livenessState");
        assertThat(components("/actuator/health/readiness")).containsExactlyInAnyOrder("readinessState", "kafka", "embeddingModel");
    }

    /** The components of a health group, which must be UP (200). */
    private List<String> components(String path) throws Exception {
        JsonNode health = JsonMapper.builder().build().readTree(get(path));
        return health.path("components").propertyNames().stream().toList();
    }

    /** What index-service would have published on its read model topic; returns once this instance's view has it. */
    private void recordStatus(String id, long version, DocumentState state, int chunks, String contentHash) throws Exception {
        var status = new DocumentStatus(id, version, state, chunks, null, contentHash, Instant.parse("2026-11-23T12:00:00Z"));
        kafka.send(Topics.INDEXED, id, codec.write(status)).get(10, TimeUnit.SECONDS);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> view.find(id).isPresent());
    }

    private static synchronized boolean seenOn(String topic, String key) {
        return seen.containsKey(topic + " " + key);
    }

    private static DocumentHeader header(String id, Operation op, String title) {
        return new DocumentHeader(id, "it", 1, op, title, "https://example.org/" + id, "text/plain", Map.of(),
                null, Instant.parse("2026-11-23T12:00:00Z"));
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static synchronized ConsumerRecord<String, String> await(KafkaConsumer<String, String> consumer, String key) {
        String slot = consumer.subscription().iterator().next() + " " + key;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!seen.containsKey(slot) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                seen.put(record.topic() + " " + record.key(), record);
            }
        }
        assertThat(seen).as("a record keyed %s within %s", slot, WAIT).containsKey(slot);
        return seen.get(slot);
    }

    private static KafkaConsumer<String, String> consumer(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EngineFixture.shared().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "embed-it-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_EVENT_BYTES);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
