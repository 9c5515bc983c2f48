package io.freshet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.infra.EngineFixture;
import io.freshet.infra.ServiceStack;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engines and services fail at bad moments; no event may be lost, duplicated or dead-lettered for it.
 * Each test streams documents through the pipeline, breaks something mid-stream, repairs it, and counts.
 */
class FaultToleranceTest {

    private static final int DOCUMENTS = 24;
    private static final Duration RECOVERY = Duration.ofMinutes(4);

    private final Pipeline pipeline = LocalPipeline.shared();
    private final EngineFixture engines = EngineFixture.shared();
    private final ChunkIndexInspector index = new ChunkIndexInspector(pipeline.engines().openSearchUrl());
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void openSearchStoppedMidStreamThenStartedAgain() {
        List<String> ids = publish("opensearch-outage", DOCUMENTS / 2);
        engines.stopOpenSearch();
        ids.addAll(publish("opensearch-outage-during", DOCUMENTS / 2));
        pause(Duration.ofSeconds(8)); // long enough for index-service to fail, retry and open its circuit breaker
        engines.startOpenSearch();

        assertEveryDocumentIndexedExactlyOnce("OpenSearch stopped mid-stream", ids);
    }

    @Test
    void aServiceKilledMidBatchThenRestarted() {
        ServiceStack services = pipeline.services().stack();
        List<String> ids = publish("embed-crash", DOCUMENTS);
        pause(Duration.ofMillis(1500)); // let embed-service get into the batch
        services.kill(ServiceStack.EMBED);
        services.kill(ServiceStack.INDEX);
        services.restart(ServiceStack.EMBED);
        services.restart(ServiceStack.INDEX);
        services.awaitHealthy(Duration.ofMinutes(3), line -> System.out.println("[faults]" + line));

        assertEveryDocumentIndexedExactlyOnce("embed-service and index-service killed (SIGKILL) mid-batch", ids);
    }

    @Test
    void theBrokerRestarted() {
        List<String> ids = publish("broker-before", DOCUMENTS / 2);
        engines.stopKafka();
        pause(Duration.ofSeconds(5));
        engines.startKafka();
        ids.addAll(publish("broker-after", DOCUMENTS / 2));

        assertEveryDocumentIndexedExactlyOnce("Kafka broker restarted", ids);
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
            pipeline.changes().publish(id, FreshetClient.textDocument(id, 1, "Fault drill " + i, text.toString()).toString());
            ids.add(id);
        }
        return ids;
    }

    private void assertEveryDocumentIndexedExactlyOnce(String fault, List<String> ids) {
        FreshetClient client = pipeline.client();
        await().atMost(RECOVERY).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            for (String id : ids) {
                JsonNode status = client.status(id);
                assertThat(status).as("status of %s", id).isNotNull();
                assertThat(status.path("state").asText()).as("state of %s", id).isEqualTo("INDEXED");
            }
        });
        int indexed = 0;
        for (String id : ids) {
            int chunks = client.status(id).path("chunks").asInt();
            assertThat(chunks).isPositive();
            assertThat(index.chunksOf(id)).as("chunks of %s in the index (no duplicates, none missing)", id).isEqualTo(chunks);
            indexed++;
        }
        Set<String> keys = new HashSet<>(ids);
        long deadLettered = pipeline.changes().deadLetterCount(keys);
        System.out.printf("[faults] %s: events in %d, indexed %d, dead-lettered %d%n", fault, ids.size(), indexed, deadLettered);
        assertThat(deadLettered).isZero();
        assertThat(indexed).isEqualTo(ids.size());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
