package io.freshet.ingest;

import io.freshet.infra.LocalTokenIssuer;
import io.freshet.contract.event.Content;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.ExtractedDocument;
import io.freshet.contract.event.Operation;
import io.freshet.contract.event.TextSection;
import io.freshet.contract.event.Topics;
import io.freshet.contract.failure.DeadLetterHeaders;
import io.freshet.infra.EngineFixture;
import io.micrometer.core.instrument.MeterRegistry;
import io.freshet.pipeline.kafka.PipelineKafkaAutoConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ingest-service against a real Kafka broker (its own process, started by EngineFixture). The tests share the
 * application and the broker but no state: each one uses its own document ids, measures counters as a change from
 * what they were when it began, and the broker outage test brings the broker back before it ends, so they pass in
 * any order. They post as a connector granted source "it" (see {@link IntakeIntegrationTest}).
 */
class IngestServiceIntegrationTest extends IntakeIntegrationTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String DEAD_LETTERS = Topics.deadLetter(Topics.CHANGES);

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    MeterRegistry meters;

    private static String fileUrl(String path) {
        return "http://127.0.0.1:" + files.getAddress().getPort() + path;
    }

    private List<DocumentStatus> statuses(String id, int count) {
        return topics().await(r -> on(r, Topics.STATUS, id), count, WAIT).stream()
                .map(r -> codec.readStatus(r.value())).toList();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(body, asConnector());
    }

    private HttpResponse<String> delete(String pathAndQuery) throws Exception {
        return delete(pathAndQuery, asConnector());
    }

    private double rejectedCount(String reason) {
        return meters.counter("freshet.ingest.documents.rejected", "reason", reason).count();
    }

    private double deadLetters(String exception) {
        return meters.counter(PipelineKafkaAutoConfiguration.DEAD_LETTERS_METRIC, "topic", Topics.CHANGES, "exception", exception)
                .count();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aDocxPostedOverHttpArrivesExtracted() throws Exception {
        String id = uniqueId("it-docx");
        DocumentChange change = upsert(id, null, DOCX, Content.ofBytes(TestDocuments.bytes("testWORD.docx")));
        double extractedBefore = meters.counter("freshet.ingest.documents.extracted").count();

        HttpResponse<String> response = post(codec.write(change));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode accepted = json.readTree(response.body());
        assertThat(accepted.get("id").asString()).isEqualTo(id);
        assertThat(accepted.get("version").asLong()).isEqualTo(1);
        assertThat(accepted.get("topic").asString()).isEqualTo(Topics.CHANGES);

        ConsumerRecord<String, String> record = topics().awaitOne(r -> on(r, Topics.EXTRACTED, id), WAIT);
        ExtractedDocument extracted = codec.readExtracted(record.value());
        assertThat(extracted.document().id()).isEqualTo(id);
        assertThat(extracted.document().op()).isEqualTo(Operation.UPSERT);
        assertThat(extracted.document().title()).isEqualTo("Sample Word Document");
        assertThat(extracted.document().acl().isPublic()).isTrue();
        assertThat(extracted.contentHash()).matches("[0-9a-f]{64}");
        assertThat(extracted.sections()).extracting(TextSection::text)
                .anySatisfy(text -> assertThat(text).contains("This is a sample Microsoft Word Document."));
        // Counted just after the record is published, so it may trail the record by a moment.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                meters.counter("freshet.ingest.documents.extracted").count()).isGreaterThanOrEqualTo(extractedBefore + 1));

        // Announced before extraction, so a user sees the document is on its way.
        DocumentStatus pending = statuses(id, 1).get(0);
        assertThat(pending.state()).isEqualTo(DocumentState.PENDING);
        assertThat(pending.version()).isEqualTo(1);
        assertThat(pending.reason()).isNull();
        assertThat(pending.updatedAt()).isNotNull();
    }

    @Test
    void aDeleteOverHttpPublishesTheEventATombstoneAndADeletion() throws Exception {
        String id = "it/deleted/" + UUID.randomUUID();

        HttpResponse<String> response = delete(id + "?version=42&source=it");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json.readTree(response.body()).get("version").asLong()).isEqualTo(42);
        List<ConsumerRecord<String, String>> onChanges = topics().await(r -> on(r, Topics.CHANGES, id), 2, WAIT);
        DocumentChange event = codec.readChange(onChanges.get(0).value());
        assertThat(event.header().op()).isEqualTo(Operation.DELETE);
        assertThat(event.header().version()).isEqualTo(42);
        assertThat(event.header().source()).isEqualTo("it");
        ConsumerRecord<String, String> tombstone = onChanges.get(1);
        assertThat(tombstone.value()).isNull();
        assertThat(tombstone.partition()).isEqualTo(onChanges.get(0).partition());
        assertThat(tombstone.offset()).isGreaterThan(onChanges.get(0).offset());

        ExtractedDocument deletion = codec.readExtracted(
                topics().awaitOne(r -> on(r, Topics.EXTRACTED, id), WAIT).value());
        assertThat(deletion.document().op()).isEqualTo(Operation.DELETE);
        assertThat(deletion.document().version()).isEqualTo(42);
        assertThat(deletion.sections()).isEmpty();
        // A marker behind the tombstone on its partition: once the marker is extracted, the tombstone was handled.
        String marker = uniqueId("it-after-tombstone");
        kafka.send(new ProducerRecord<>(Topics.CHANGES, tombstone.partition(), marker, codec.write(upsert(marker,
                "Marker", "text/plain", Content.ofText("Behind the tombstone."))))).get(30, TimeUnit.SECONDS);
        topics().awaitOne(r -> on(r, Topics.EXTRACTED, marker), WAIT);
        // The tombstone itself is skipped: one deletion, nothing dead-lettered.
        assertThat(topics().readToEnd(r -> on(r, DEAD_LETTERS, id) || on(r, Topics.EXTRACTED, id), WAIT))
                .hasSize(1);
    }

    @Test
    void anInvalidChangeIsRefusedWithAProblemNamingTheViolation() throws Exception {
        HttpResponse<String> missingId = post("{\"version\": 1, \"op\": \"UPSERT\", \"content\": {\"text\": \"x\"}}");

        assertThat(missingId.statusCode()).isEqualTo(400);
        assertThat(missingId.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(missingId.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).isEqualTo("contract violation: 'id' is required");

        HttpResponse<String> twoContents = post("{\"id\": \"x\", \"version\": 1, \"op\": \"UPSERT\", "
                + "\"content\": {\"text\": \"x\", \"uri\": \"https://h/x\"}}");
        assertThat(twoContents.statusCode()).isEqualTo(400);
        assertThat(json.readTree(twoContents.body()).get("detail").asString()).contains("exactly one of content.text");
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndTheNextOneStillFlows() throws Exception {
        String badKey = uniqueId("it-bad");
        String goodId = uniqueId("it-good");
        double deadBefore = deadLetters("PoisonEventException");
        // Same partition, bad one first: the good one flows only if the bad one did not block the partition.
        kafka.send(new ProducerRecord<>(Topics.CHANGES, 0, badKey, "{not json")).get(30, TimeUnit.SECONDS);
        kafka.send(new ProducerRecord<>(Topics.CHANGES, 0, goodId, codec.write(upsert(goodId, "Good", "text/plain",
                Content.ofText("Economy class for flights under 6 hours."))))).get(30, TimeUnit.SECONDS);

        ConsumerRecord<String, String> dead = topics().awaitOne(r -> on(r, DEAD_LETTERS, badKey), WAIT);
        assertThat(dead.value()).isEqualTo("{not json");
        assertThat(header(dead, DeadLetterHeaders.REASON)).startsWith("not an event: malformed JSON");
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.CHANGES);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(deadLetters("PoisonEventException")).isEqualTo(deadBefore + 1));

        ExtractedDocument good = codec.readExtracted(topics().awaitOne(r -> on(r, Topics.EXTRACTED, goodId), WAIT).value());
        assertThat(good.sections()).containsExactly(TextSection.of("Economy class for flights under 6 hours."));
    }

    @Test
    void anEncryptedDocumentIsRejectedWithAStatusAndDeadLettered() throws Exception {
        String id = uniqueId("it-encrypted");
        DocumentChange change = upsert(id, "Secret", DOCX,
                Content.ofBytes(TestDocuments.bytes("testWORD_protected_passtika.docx")));
        double rejectedBefore = rejectedCount("encrypted");

        assertThat(post(codec.write(change)).statusCode()).isEqualTo(202);

        List<DocumentStatus> statuses = statuses(id, 2);
        assertThat(statuses).extracting(DocumentStatus::state).containsExactly(DocumentState.PENDING, DocumentState.REJECTED);
        DocumentStatus status = statuses.get(1);
        assertThat(status.version()).isEqualTo(1);
        assertThat(status.reason()).isEqualTo("encrypted: a password is required");
        ConsumerRecord<String, String> dead = topics().awaitOne(r -> on(r, DEAD_LETTERS, id), WAIT);
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("encrypted: a password is required");
        // The rejection is published instead of an extraction, so none can follow it.
        assertThat(topics().readToEnd(r -> on(r, Topics.EXTRACTED, id), WAIT)).isEmpty();
        assertThat(rejectedCount("encrypted")).isEqualTo(rejectedBefore + 1);
    }

    @Test
    void contentByReferenceIsFetchedFromAnAllowedHost() throws Exception {
        String id = uniqueId("it-by-reference");
        DocumentChange change = upsert(id, null, null, Content.ofUri(fileUrl("/docs/testPDF.pdf")));

        assertThat(post(codec.write(change)).statusCode()).isEqualTo(202);

        ExtractedDocument extracted = codec.readExtracted(topics().awaitOne(r -> on(r, Topics.EXTRACTED, id), WAIT).value());
        assertThat(extracted.document().title()).isEqualTo("Apache Tika - Apache Tika");
        assertThat(extracted.sections()).singleElement().satisfies(section -> {
            assertThat(section.page()).isEqualTo(1);
            assertThat(section.text()).contains("Apache Tika is a toolkit for detecting and extracting metadata");
        });
    }

    @Test
    void aFetchRedirectedToTheMetadataAddressIsRejectedWithTheReason() throws Exception {
        String id = uniqueId("it-ssrf");
        DocumentChange change = upsert(id, "Sneaky", null, Content.ofUri(fileUrl("/docs/to-metadata")));
        double rejectedBefore = rejectedCount("fetch-refused");

        assertThat(post(codec.write(change)).statusCode()).isEqualTo(202);

        assertThat(statuses(id, 2).get(1)).satisfies(status -> {
            assertThat(status.state()).isEqualTo(DocumentState.REJECTED);
            assertThat(status.reason()).isEqualTo("fetch refused: 169.254.169.254 is link-local");
        });
        ConsumerRecord<String, String> dead = topics().awaitOne(r -> on(r, DEAD_LETTERS, id), WAIT);
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("fetch refused: 169.254.169.254 is link-local");
        assertThat(rejectedCount("fetch-refused")).isEqualTo(rejectedBefore + 1);
    }

    @Test
    void healthIncludesKafka() throws Exception {
        String operator = "Bearer " + issuer.token(LocalTokenIssuer.INTAKE_AUDIENCE, Map.of("sub", "olga",
                "groups", List.of("freshet-operators")), Duration.ofMinutes(5));
        HttpResponse<String> health = send(management("/actuator/health", "Authorization", operator).GET().build());

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(health.body());
        assertThat(body.at("/components/kafka/status").asString()).isEqualTo("UP");
    }

    @Test
    void withKafkaDownTheIntakeAnswers503AndRecoversAfterwards() throws Exception {
        // Leaves the broker up and the intake flowing again (checked below), as every other test expects.
        EngineFixture engines = EngineFixture.shared();
        engines.stopKafka();
        try {
            String id = uniqueId("it-outage");
            HttpResponse<String> refused = post(codec.write(upsert(id, "Outage", "text/plain", Content.ofText("x"))));

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(json.readTree(refused.body()).get("detail").asString()).contains("Kafka")
                    .as("no addresses for the caller").doesNotContain(engines.kafkaBootstrapServers());
        } finally {
            engines.startKafka();
        }
        String id = uniqueId("it-after-outage");
        HttpResponse<String> accepted = post(codec.write(upsert(id, "Back", "text/plain", Content.ofText("Back again."))));
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(codec.readExtracted(topics().awaitOne(r -> on(r, Topics.EXTRACTED, id), WAIT).value()).sections())
                .containsExactly(TextSection.of("Back again."));
    }
}
