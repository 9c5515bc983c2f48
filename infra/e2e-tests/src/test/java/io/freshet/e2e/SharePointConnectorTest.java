package io.freshet.e2e;

import io.freshet.connectors.sharepoint.GraphShapes;
import io.freshet.connectors.sharepoint.GraphTestServer;
import io.freshet.infra.ConnectWorker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.freshet.e2e.SourceConnectors.FRESH;
import static io.freshet.e2e.SourceConnectors.WORKER_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SharePoint connector under a real Connect worker against a real HTTP server speaking Microsoft Graph (client
 * credentials, delta pages with nextLink and deltaLink, permissions, downloads): files become answerable for exactly the
 * readers their permissions name, edits, deletes and sharing changes follow, an outage of Graph deletes nothing, and a
 * restarted worker resumes from its delta link without publishing anything unchanged.
 */
class SharePointConnectorTest {

    private final Pipeline pipeline = LocalPipeline.shared();
    private final SourceConnectors connectors = new SourceConnectors(pipeline);

    @Test
    void aDocumentLibraryReachesTheIndexWithItsPermissionsAndFollowsItsChanges() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String word = "ptarmigan" + run;
        String source = "e2e-sharepoint-" + run;
        String drive = "b!drive-" + run;
        String finance = "finance-" + run;
        String ceo = "ceo-" + run;
        try (GraphTestServer graph = GraphTestServer.start()) {
            graph.pageSize(2); // three files: two delta pages, so the nextLink is followed
            file(graph, drive, "expenses", "Expenses.txt", "Claims for " + word + " expenses are due by the fifth working day.");
            graph.grant(drive, "expenses", GraphShapes.groupGrant(finance, "read"));
            file(graph, drive, "merger", "Merger.txt", "The " + word + " merger is code-named Bluefin.");
            graph.grant(drive, "merger", GraphShapes.userGrant(ceo, ceo + "@example.com", "owner"));
            file(graph, drive, "canteen", "Canteen.txt", "The " + word + " canteen opens at eight.");
            graph.grant(drive, "canteen", GraphShapes.linkGrant("organization"));

            Map<String, String> config = new HashMap<>(Map.ofEntries(
                    Map.entry("name", source),
                    Map.entry("connector.class", "io.freshet.connectors.sharepoint.SharePointSourceConnector"),
                    Map.entry("tasks.max", "1"),
                    Map.entry("graph.base.url", graph.graphBaseUrl()),
                    Map.entry("graph.authority.url", graph.authorityUrl()),
                    Map.entry("graph.tenant.id", graph.tenant()),
                    Map.entry("graph.client.id", graph.clientId()),
                    Map.entry("graph.client.secret", graph.clientSecret()),
                    Map.entry("sharepoint.drive.ids", drive),
                    Map.entry("sharepoint.poll.interval.ms", "500"),
                    Map.entry("sharepoint.retry.backoff.initial.ms", "100"),
                    Map.entry("sharepoint.retry.backoff.max.ms", "1000"),
                    Map.entry("source.name", source)));
            ConnectWorker worker = connectors.start(config);
            try {
                await("each file searchable by the readers its permissions name").atMost(FRESH)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> connectors.documents(word, "group:" + finance).size() == 2
                                && connectors.documents(word, ceo).size() == 2);
                assertThat(connectors.documents(word, "group:" + finance))
                        .containsExactlyInAnyOrder(id(drive, "expenses"), id(drive, "canteen"));
                assertThat(connectors.documents(word, ceo))
                        .containsExactlyInAnyOrder(id(drive, "merger"), id(drive, "canteen"));
                assertThat(connectors.documents(word, "someone-else")).containsExactly(id(drive, "canteen"));

                // An edit, a delete and a sharing change (the merger file shared with the organisation).
                file(graph, drive, "expenses", "Expenses.txt", "Claims for " + word + " expenses are now due by the tenth.");
                graph.deleteFile(drive, "canteen");
                graph.grant(drive, "merger", GraphShapes.linkGrant("organization"));
                await("the edit, the delete and the sharing change reach the index").atMost(FRESH)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> connectors.documents(word, "someone-else").equals(List.of(id(drive, "merger")))
                                && connectors.texts(word + " tenth", "group:" + finance).contains("tenth"));

                // Graph down: polls fail and are retried; nothing is taken for deleted.
                graph.failWith(503);
                await("the connector meets the outage").atMost(FRESH).pollInterval(Duration.ofMillis(200))
                        .until(() -> graph.requests().stream().filter(r -> r.status() == 503).count() >= 3);
                List<ConsumerRecord<String, String>> duringOutage = connectors.records(k -> k.startsWith("sharepoint:" + drive + ":"));
                assertThat(connectors.documents(word, "group:" + finance)).contains(id(drive, "expenses"));
                graph.failWith(0);

                worker.stop();
                List<ConsumerRecord<String, String>> beforeRestart = connectors.records(k -> k.startsWith("sharepoint:" + drive + ":"));
                assertThat(beforeRestart).as("nothing was published during the outage").hasSameSizeAs(duringOutage);
                file(graph, drive, "holidays", "Holidays.txt", "The " + word + " office closes on the first of May.");
                graph.grant(drive, "holidays", GraphShapes.linkGrant("organization"));
                worker.startAgain(WORKER_START);
                await("the file added while the worker was stopped").atMost(FRESH).pollInterval(Duration.ofMillis(500))
                        .until(() -> connectors.documents(word, "someone-else").contains(id(drive, "holidays")));
                assertThat(SourceConnectors.publishedSince(beforeRestart, connectors.records(k -> k.startsWith("sharepoint:" + drive + ":"))))
                        .as("the restarted worker resumes from its delta link: only the new file")
                        .containsExactly(id(drive, "holidays"));
            } finally {
                worker.stop();
            }
        }
    }

    private static void file(GraphTestServer graph, String drive, String item, String name, String text) {
        graph.putFile(drive, item, name, text.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    private static String id(String drive, String item) {
        return "sharepoint:" + drive + ":" + item;
    }
}
