package io.freshet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a user sees of the whole pipeline: the four services as real processes over real Kafka and
 * OpenSearch. Subclasses decide where the engines come from (local processes, or containers).
 * Every test uses its own document ids and code words, so the tests share one running pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PipelineScenarios {

    private static final Duration CONVERGENCE = Duration.ofSeconds(90);

    /** The running pipeline the scenarios use. */
    protected abstract Pipeline pipeline();

    private FreshetClient client;
    private ChangeTopic changes;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void connect() {
        client = pipeline().client();
        changes = pipeline().changes();
    }

    @Test
    void anUpsertBecomesAnswerableWithACitation() {
        String id = id("cafeteria");
        assertThat(client.postDocument(FreshetClient.textDocument(id, 1, "Lumenfield cafeteria hours",
                "The Lumenfield office cafeteria serves breakfast from 7:30 to 9:30 on weekdays. "
                        + "Lunch is served from 11:45 to 14:00, and the cafeteria is closed on public holidays.")))
                .isEqualTo(202);

        FreshetClient.Answer answer = awaitAnswer("When does the Lumenfield cafeteria serve breakfast?", id);

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.text()).contains("7:30").contains("[1]");
        assertThat(answer.raw().path("citations").get(0).path("url").asText()).endsWith(id);
        assertThat(client.search("Lumenfield cafeteria breakfast")).first()
                .satisfies(hit -> assertThat(hit.documentId()).isEqualTo(id));
    }

    @Test
    void anUpdateChangesTheNextAnswerAndTheOldTextIsGone() {
        String id = id("garage");
        client.postDocument(FreshetClient.textDocument(id, 1, "Quorvex garage",
                "The Quorvex parking garage closes at 22:00 every evening. Visitors park on level 2."));
        awaitAnswer("When does the Quorvex parking garage close?", id);

        long published = System.nanoTime();
        client.postDocument(FreshetClient.textDocument(id, 2, "Quorvex garage",
                "The Quorvex parking garage closes at 19:00 every evening. Visitors park on level 3."));

        await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(client.search("Quorvex parking garage closes").stream()
                        .filter(h -> h.documentId().equals(id)).map(FreshetClient.Hit::text))
                        .isNotEmpty().allMatch(text -> text.contains("19:00")));
        System.out.printf("[e2e] update answerable after %d ms%n", (System.nanoTime() - published) / 1_000_000);

        FreshetClient.Answer answer = client.answer("When does the Quorvex parking garage close?");
        assertThat(answer.text()).contains("19:00").doesNotContain("22:00");
        assertThat(client.search("Quorvex garage 22:00 level 2", 50, "lexical", null))
                .noneMatch(h -> h.text().contains("22:00"));
    }

    @Test
    void aDeleteRemovesTheDocumentFromSearchAndAnswers() {
        String id = id("badge");
        client.postDocument(FreshetClient.textDocument(id, 1, "Vantorix badge policy",
                "Lost Vantorix access badges must be reported to security within 24 hours."));
        awaitAnswer("How quickly must a lost Vantorix badge be reported?", id);

        assertThat(client.deleteDocument(id, 2)).isEqualTo(202);

        await().atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(client.search("Vantorix access badges", 50, "hybrid", null))
                        .noneMatch(h -> h.documentId().equals(id)));
        FreshetClient.Answer answer = client.answer("How quickly must a lost Vantorix badge be reported?");
        assertThat(answer.citedDocuments()).doesNotContain(id);
        assertThat(client.status(id).path("state").asText()).isEqualTo("DELETED");
    }

    @Test
    void aDocumentThatShrinksLeavesNoStaleChunk() {
        String id = id("handbook");
        StringBuilder longText = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            longText.append("Section ").append(i).append(" of the Kelvara field handbook explains procedure ")
                    .append(i).append(" for calibrating the survey instruments before each expedition, ")
                    .append("including the checks on batteries, cables, tripods and the logging tablet.\n\n");
        }
        longText.append("Appendix: the Zentrivax emergency beacon is stored in the blue locker.");
        client.postDocument(FreshetClient.textDocument(id, 1, "Kelvara field handbook", longText.toString()));
        await().atMost(CONVERGENCE).ignoreExceptions().untilAsserted(() -> {
            JsonNode status = client.status(id);
            assertThat(status).isNotNull();
            assertThat(status.path("state").asText()).isEqualTo("INDEXED");
            assertThat(status.path("chunks").asInt()).isGreaterThan(2);
        });
        // INDEXED is recorded at write time; searches see the write after the next refresh (1 s)
        await().atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(client.search("Zentrivax emergency beacon", 10, "lexical", null))
                        .anyMatch(h -> h.documentId().equals(id)));

        client.postDocument(FreshetClient.textDocument(id, 2, "Kelvara field handbook",
                "The Kelvara field handbook has been retired; see the survey wiki instead."));

        await().atMost(CONVERGENCE).ignoreExceptions().untilAsserted(() -> {
            JsonNode status = client.status(id);
            assertThat(status.path("version").asLong()).isEqualTo(2);
            assertThat(status.path("state").asText()).isEqualTo("INDEXED");
        });
        assertThat(client.status(id).path("chunks").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(client.search("Zentrivax emergency beacon blue locker", 50, "lexical", null))
                        .noneMatch(h -> h.documentId().equals(id)));
        assertThat(client.search("Kelvara field handbook calibrating survey instruments", 100, "hybrid", null)
                .stream().filter(h -> h.documentId().equals(id))).hasSize(1);
    }

    @Test
    void anOlderVersionPublishedAfterANewerOneChangesNothing() {
        String id = id("leave");
        changes.publish(id, FreshetClient.textDocument(id, 5, "Orlith leave policy",
                "Orlith employees receive 28 days of annual leave.").toString());
        awaitAnswer("How many days of annual leave do Orlith employees receive?", id);

        changes.publish(id, FreshetClient.textDocument(id, 3, "Orlith leave policy",
                "Orlith employees receive 12 days of annual leave.").toString());
        String marker = ChangeTopic.keyOnSamePartitionAs(id, id("marker"));
        changes.publish(marker, FreshetClient.textDocument(marker, 1, "Marker",
                "Marker document for the Orlith ordering check, code word Pellucid.").toString());
        // the marker follows the stale event on its partition through every stage: once it is indexed, so is that
        await().atMost(CONVERGENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(client.status(marker).path("state").asText()).isEqualTo("INDEXED"));

        assertThat(client.status(id).path("version").asLong()).isEqualTo(5);
        assertThat(client.search("Orlith annual leave days", 50, "lexical", null))
                .filteredOn(h -> h.documentId().equals(id))
                .isNotEmpty().allMatch(h -> h.text().contains("28 days"));
    }

    @Test
    void aMalformedEventDoesNotStopThePipeline() {
        String poisonKey = id("poison");
        changes.publish(poisonKey, "{this is not json");
        String next = ChangeTopic.keyOnSamePartitionAs(poisonKey, id("after-poison"));
        ObjectNode good = FreshetClient.textDocument(next, 1, "Brimwater FAQ",
                "The Brimwater help desk answers the phone from 8:00 to 18:00.");
        changes.publish(next, good.toString());

        awaitAnswer("When does the Brimwater help desk answer the phone?", next);
        List<ConsumerRecord<String, String>> dead = changes.deadLetters(poisonKey, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo("{this is not json");
        assertThat(ChangeTopic.header(dead.get(0), "freshet-dlq-reason")).contains("malformed JSON");
        assertThat(ChangeTopic.header(dead.get(0), "kafka_dlt-original-topic")).isEqualTo(ChangeTopic.CHANGES);
    }

    @Test
    void aRestrictedDocumentIsOnlyVisibleToItsReaders() {
        String id = id("salaries");
        ObjectNode change = FreshetClient.textDocument(id, 1, "Halvorsen salary bands",
                "The Halvorsen salary band for senior engineers is 95,000 to 120,000 euros.");
        change.putObject("acl").put("public", false).putArray("principals").add("group:hr");
        client.postDocument(change);

        await().atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(client.search("Halvorsen salary band", 10, "hybrid", "alice,group:hr"))
                        .anyMatch(h -> h.documentId().equals(id)));
        assertThat(client.search("Halvorsen salary band", 50, "hybrid", null)).noneMatch(h -> h.documentId().equals(id));
        assertThat(client.search("Halvorsen salary band", 50, "hybrid", "bob,group:sales"))
                .noneMatch(h -> h.documentId().equals(id));
        assertThat(client.answer("What is the Halvorsen salary band for senior engineers?").citedDocuments())
                .doesNotContain(id);
    }

    @Test
    void aQuestionTheDocumentsDoNotCoverGetsIDontKnow() {
        String id = id("bicycles");
        assertThat(client.postDocument(FreshetClient.textDocument(id, 1, "Marrowind bicycle storage",
                "Bicycles at the Marrowind office are kept in the basement rack, which is open from 6:00 to 21:00.")))
                .isEqualTo(202);
        // The index holds documents and answering works: a question they cover is answered from them.
        FreshetClient.Answer covered = awaitAnswer("Where are bicycles kept at the Marrowind office?", id);
        assertThat(covered.text()).contains("basement rack").contains("[1]");

        FreshetClient.Answer answer = client.answer("What is the airspeed velocity of an unladen swallow over Mars?");

        assertThat(answer.grounded()).as(answer.raw().toString()).isFalse();
        assertThat(answer.citedDocuments()).isEmpty();
        assertThat(answer.text()).startsWith("I don't know");
    }

    @Test
    void aMetadataChangeReachesTheIndexWithoutEmbeddingAgainAndAReplayChangesNothing() {
        String id = id("wifi");
        String text = "Guests of the Sorvanne office connect to the Wi-Fi network Sorvanne-Guest with the code printed "
                + "at reception. The code changes every Monday.";
        ObjectNode v1 = FreshetClient.textDocument(id, 1, "Sorvanne guest Wi-Fi", text);
        changes.publish(id, v1.toString());
        awaitAnswer("How do guests of the Sorvanne office connect to the Wi-Fi?", id);
        double embeddedBefore = embeddedChunks();

        ObjectNode v2 = FreshetClient.textDocument(id, 2, "Sorvanne visitor Wi-Fi (renamed)", text);
        v2.putObject("acl").put("public", false).putArray("principals").add("group:facilities");
        changes.publish(id, v2.toString());
        await().atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(client.search("Sorvanne guest Wi-Fi code", 10, "hybrid", "group:facilities"))
                        .anyMatch(h -> h.documentId().equals(id) && h.title().equals("Sorvanne visitor Wi-Fi (renamed)")));
        assertThat(client.search("Sorvanne guest Wi-Fi code", 50, "hybrid", null))
                .as("the new ACL applies to the existing chunks").noneMatch(h -> h.documentId().equals(id));
        assertThat(embeddedChunks()).as("unchanged text is not embedded again").isEqualTo(embeddedBefore);

        // a replay of the topic: the same events again, in order
        changes.publish(id, v1.toString());
        changes.publish(id, v2.toString());
        String marker = ChangeTopic.keyOnSamePartitionAs(id, id("replay-marker"));
        changes.publish(marker, FreshetClient.textDocument(marker, 1, "Marker", "Replay marker, code word Quillon.").toString());
        await().atMost(CONVERGENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(client.status(marker).path("state").asText()).isEqualTo("INDEXED"));

        JsonNode status = client.status(id, "group:facilities"); // v2 is for facilities only
        assertThat(status.path("version").asLong()).isEqualTo(2);
        assertThat(status.path("state").asText()).isEqualTo("INDEXED");
        assertThat(new ChunkIndexInspector(pipeline().engines().openSearchUrl()).chunksOf(id))
                .as("no duplicate chunks after the replay").isEqualTo(status.path("chunks").asLong());
        assertThat(client.search("Sorvanne guest Wi-Fi code", 10, "hybrid", "group:facilities"))
                .filteredOn(h -> h.documentId().equals(id)).isNotEmpty()
                .allMatch(h -> h.title().equals("Sorvanne visitor Wi-Fi (renamed)"));
    }

    /** embed-service's count of chunks it embedded (Prometheus counter freshet_embed_chunks_total). */
    private double embeddedChunks() {
        return new ServiceMetrics(pipeline().services().stack().managementUrl(io.freshet.infra.ServiceStack.EMBED))
                .sum("freshet_embed_chunks_total");
    }

    private FreshetClient.Answer awaitAnswer(String question, String documentId) {
        return await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> client.answer(question), a -> a.grounded() && a.citedDocuments().contains(documentId));
    }

    private String id(String name) {
        return "e2e-" + run + "-" + name;
    }
}
