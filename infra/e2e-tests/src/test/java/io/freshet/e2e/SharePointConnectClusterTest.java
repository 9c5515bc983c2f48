package io.freshet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.connectors.sharepoint.GraphShapes;
import io.freshet.connectors.sharepoint.GraphTestServer;
import io.freshet.infra.ConnectWorker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.freshet.e2e.SourceConnectors.FRESH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SharePoint connector on a Connect cluster of two workers (distributed mode): its two drives become two tasks that
 * Connect places on different workers; when one worker dies, Connect moves its task to the other, which resumes from
 * the offsets the dead one committed (in Kafka) and publishes only what changed.
 */
class SharePointConnectClusterTest {

    private final SourceConnectors connectors = new SourceConnectors(LocalPipeline.shared());

    @Test
    void twoDrivesRunAsTwoTasksOnTwoWorkersAndASurvivorTakesOverWhereTheDeadOneStopped() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String word = "kittiwake" + run;
        String cluster = "e2e-connect-" + run;
        String east = "b!east-" + run;
        String west = "b!west-" + run;
        Predicate<String> ids = key -> key.startsWith("sharepoint:b!east-" + run) || key.startsWith("sharepoint:b!west-" + run);
        try (GraphTestServer graph = GraphTestServer.start()) {
            for (String drive : List.of(east, west)) {
                for (String item : List.of("one", "two")) {
                    file(graph, drive, item, "The " + word + " note " + item + " of " + drive + " about the harbour.");
                }
            }
            Map<String, String> config = Map.ofEntries(
                    Map.entry("name", "sharepoint-" + run),
                    Map.entry("connector.class", "io.freshet.connectors.sharepoint.SharePointSourceConnector"),
                    Map.entry("tasks.max", "2"),
                    Map.entry("graph.base.url", graph.graphBaseUrl()),
                    Map.entry("graph.authority.url", graph.authorityUrl()),
                    Map.entry("graph.tenant.id", graph.tenant()),
                    Map.entry("graph.client.id", graph.clientId()),
                    Map.entry("graph.client.secret", graph.clientSecret()),
                    Map.entry("sharepoint.drive.ids", east + "," + west),
                    Map.entry("sharepoint.poll.interval.ms", "500"),
                    Map.entry("source.name", "e2e-cluster-" + run),
                    Map.entry("acl.public", "true"));
            ConnectWorker first = connectors.startInCluster(config, cluster, cluster + "-a");
            ConnectWorker second = connectors.startInCluster(config, cluster, cluster + "-b");
            try {
                first.createConnector();
                await("two tasks running on the two workers").atMost(FRESH).pollInterval(Duration.ofMillis(500))
                        .until(() -> runningTaskWorkers(first).stream().distinct().count() == 2);
                await("both drives' files searchable").atMost(FRESH).pollInterval(Duration.ofMillis(500))
                        .until(() -> connectors.documents(word, "anyone").size() == 4);

                assertThat(second.kill()).isEqualTo(137);
                List<ConsumerRecord<String, String>> beforeKill = connectors.records(ids);
                file(graph, east, "two", "The " + word + " note two of east now mentions the lighthouse.");
                file(graph, west, "two", "The " + word + " note two of west now mentions the lighthouse.");
                file(graph, west, "three", "The " + word + " note three of west about the ferry.");

                await("the survivor runs both tasks").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> runningTaskWorkers(first).equals(List.of(first.workerId(), first.workerId())));
                await("the changes of both drives reach the index").atMost(FRESH).pollInterval(Duration.ofMillis(500))
                        .until(() -> connectors.documents(word, "anyone").size() == 5
                                && connectors.texts(word + " lighthouse", "anyone").split("lighthouse", -1).length - 1 >= 2);
                assertThat(SourceConnectors.publishedSince(beforeKill, connectors.records(ids)))
                        .as("the moved task resumed from the offsets the dead worker committed")
                        .containsExactlyInAnyOrder("sharepoint:" + east + ":two", "sharepoint:" + west + ":two",
                                "sharepoint:" + west + ":three");
            } finally {
                second.stop();
                first.stop();
            }
        }
    }

    /** The worker id of each RUNNING task, by task id. */
    private static List<String> runningTaskWorkers(ConnectWorker worker) throws IOException {
        String status = worker.status();
        List<String> workers = new ArrayList<>();
        if (status == null) {
            return workers;
        }
        JsonNode tasks = FreshetClient.JSON.readTree(status).path("tasks");
        for (JsonNode task : tasks) {
            if ("RUNNING".equals(task.path("state").asText())) {
                workers.add(task.path("worker_id").asText());
            }
        }
        return workers;
    }

    private static void file(GraphTestServer graph, String drive, String item, String text) {
        graph.putFile(drive, item, item + ".txt", text.getBytes(StandardCharsets.UTF_8), "text/plain");
        graph.grant(drive, item, GraphShapes.linkGrant("organization"));
    }
}
