package io.freshet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.infra.EngineFixture;
import io.freshet.infra.ServiceStack;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engines and services fail at bad moments; no event may be lost, duplicated or dead-lettered for it.
 * Each test streams documents through the pipeline, breaks something mid-stream, repairs it, and counts.
 */
class FaultToleranceTest {

    private static final int DOCUMENTS = 24;
    private static final Duration RECOVERY = Duration.ofMinutes(4);
    private static final long VERSION = 1;

    private final Pipeline pipeline = LocalPipeline.shared();
    private final EngineFixture engines = EngineFixture.shared();
    private final ChunkIndexInspector index = new ChunkIndexInspector(pipeline.engines().openSearchUrl());
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void openSearchStoppedMidStreamThenStartedAgain() {
        List<String> ids = publish("opensearch-outage", DOCUMENTS / 2);
        engines.stopOpenSearch();
        try {
            ids.addAll(publish("opensearch-outage-during", DOCUMENTS / 2));
            // index-service fails on the documents, retries, and its breaker opens: then OpenSearch comes back.
            ServiceMetrics indexService = metrics(ServiceStack.INDEX);
            await("index-service's OpenSearch circuit breaker open").atMost(RECOVERY).pollInterval(Duration.ofMillis(250))
                    .until(() -> indexService.sum("resilience4j_circuitbreaker_state", "name=\"opensearch\"",
                            "state=\"open\""), open -> open == 1);
        } finally {
            engines.startOpenSearch();
        }

        assertEveryDocumentIndexedExactlyOnce("OpenSearch stopped mid-stream", ids);
    }

    @Test
    void aServiceKilledMidBatchThenRestarted() {
        ServiceStack services = pipeline.services().stack();
        ServiceMetrics embed = metrics(ServiceStack.EMBED);
        double embeddedBefore = embeddedDocuments(embed);
        List<String> ids = publish("embed-crash", DOCUMENTS);
        // Mid-batch: embed-service has embedded and published some of these documents, but not all of them.
        double embeddedAtKill = await("embed-service embedding the batch").atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(100)).until(() -> embeddedDocuments(embed), n -> n > embeddedBefore);
        services.kill(ServiceStack.EMBED);
        services.kill(ServiceStack.INDEX);
        // query-service still serves, and says the stages behind it are gone once the broker drops their consumers.
        await("query-service's health showing the pipeline behind it down").atMost(RECOVERY)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> services.healthStatus(services.service(ServiceStack.QUERY)).orElse("no answer"), "DEGRADED"::equals);
        services.restart(ServiceStack.EMBED);
        services.restart(ServiceStack.INDEX);
        services.awaitHealthy(Duration.ofMinutes(3), line -> System.out.println("[faults]" + line));
        await("query-service's health UP again with the stages back").atMost(RECOVERY).pollInterval(Duration.ofSeconds(1))
                .until(() -> services.healthStatus(services.service(ServiceStack.QUERY)).orElse("no answer"), "UP"::equals);
        assertThat(embeddedAtKill - embeddedBefore).as("documents of the batch embedded when embed-service was killed")
                .isLessThan(DOCUMENTS);

        assertEveryDocumentIndexedExactlyOnce("embed-service and index-service killed (SIGKILL) mid-batch", ids);
    }

    @Test
    void theBrokerRestarted() {
        List<String> ids = publish("broker-before", DOCUMENTS / 2);
        engines.stopKafka();
        try {
            // The broker stays down until every service that uses it reports it lost.
            ServiceStack services = pipeline.services().stack();
            for (String name : List.of(ServiceStack.INGEST, ServiceStack.EMBED, ServiceStack.INDEX)) {
                await(name + " reporting Kafka down").atMost(RECOVERY).pollInterval(Duration.ofMillis(250))
                        .until(() -> services.healthStatus(services.service(name)),
                                status -> status.filter("DOWN"::equals).isPresent());
            }
        } finally {
            engines.startKafka();
        }
        ids.addAll(publish("broker-after", DOCUMENTS / 2));

        assertEveryDocumentIndexedExactlyOnce("Kafka broker restarted", ids);
    }

    private ServiceMetrics metrics(String service) {
        return new ServiceMetrics(pipeline.services().stack().managementUrl(service));
    }

    /** embed-service's count of documents it embedded and published. */
    private static double embeddedDocuments(ServiceMetrics embed) {
        return embed.sum("freshet_embed_documents_total", "outcome=\"embedded\"");
    }

    private List<String> publish(String name, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "faults-" + run + "-" + name + "-" + i;
            StringBuilder text = new StringBuilder();
            for (int p = 0; p < 6; p++) {
                text.append("Paragraph ").append(p).append(" of fault drill document ").append(name).append(' ').append(i)
                        .append(": the standby generator in building ").append(i % 7)
                        .append(" is tested every month and its fuel is checked weekly by the facilities team.\n\n");
            }
            pipeline.changes().publish(id,
                    FreshetClient.textDocument(id, VERSION, "Fault drill " + i, text.toString()).toString());
            ids.add(id);
        }
        return ids;
    }

    /**
     * Every document INDEXED at the version published, its chunks in the index exactly once each (numbers 0..n-1
     * where the status says n, all of that version, no other copy), and none of its events dead-lettered.
     */
    private void assertEveryDocumentIndexedExactlyOnce(String fault, List<String> ids) {
        FreshetClient client = pipeline.client();
        await().atMost(RECOVERY).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            for (String id : ids) {
                JsonNode status = client.status(id);
                assertThat(status).as("status of %s", id).isNotNull();
                assertThat(status.path("state").asText()).as("state of %s", id).isEqualTo("INDEXED");
            }
        });
        List<String> wrong = new ArrayList<>();
        long chunksInIndex = 0;
        for (String id : ids) {
            JsonNode status = client.status(id);
            int chunks = status.path("chunks").asInt();
            List<ChunkIndexInspector.StoredChunk> stored = index.storedChunksOf(id);
            chunksInIndex += stored.size();
            List<Integer> numbers = stored.stream().map(ChunkIndexInspector.StoredChunk::number).toList();
            if (status.path("version").asLong() != VERSION || chunks < 1
                    || !numbers.equals(IntStream.range(0, chunks).boxed().toList())
                    || stored.stream().anyMatch(chunk -> chunk.version() != VERSION)) {
                wrong.add(id + ": status v" + status.path("version").asLong() + " with " + chunks + " chunks, index holds "
                        + stored);
            }
        }
        long deadLettered = pipeline.changes().deadLetterCount(new HashSet<>(ids));
        System.out.printf("[faults] %s: events in %d, chunks in the index %d, not exactly once %d, dead-lettered %d%n",
                fault, ids.size(), chunksInIndex, wrong.size(), deadLettered);
        assertThat(wrong).as("documents not indexed exactly once at v%d after: %s", VERSION, fault).isEmpty();
        assertThat(deadLettered).as("events of these documents dead-lettered").isZero();
    }
}
