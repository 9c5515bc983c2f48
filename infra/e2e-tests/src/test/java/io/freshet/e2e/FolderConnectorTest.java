package io.freshet.e2e;

import io.freshet.infra.ConnectWorker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.freshet.e2e.SourceConnectors.FRESH;
import static io.freshet.e2e.SourceConnectors.WORKER_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The folder connector under a real Kafka Connect worker (standalone, Connect 4.1.2, the plugin from
 * freshet-connectors/target/plugin) against the shared pipeline: a change in the folder reaches the index, the readers
 * the connector names are the only ones who find it, and a restarted worker publishes nothing unchanged.
 */
class FolderConnectorTest {

    private final SourceConnectors connectors = new SourceConnectors(LocalPipeline.shared());

    @Test
    void aFolderReachesTheIndexAndARestartedWorkerPublishesOnlyWhatChanged() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String source = "e2e-folder-" + run;
        String word = "quillwort" + run;
        Path folder = Files.createDirectories(SourceConnectors.target(source).resolve("files"));
        Files.writeString(folder.resolve("pond.txt"), "The " + word + " pond is drained every autumn by the groundskeeper.");
        Files.createDirectories(folder.resolve("notes"));
        Files.writeString(folder.resolve("notes/boat.md"), "# Boats\nRowing boats on the " + word + " pond need a permit.");
        Files.writeString(folder.resolve("notes/old.txt"), "An old " + word + " notice about skating.");

        ConnectWorker worker = connectors.start(Map.of(
                "name", source,
                "connector.class", "io.freshet.connectors.folder.FolderSourceConnector",
                "tasks.max", "1",
                "folder.path", folder.toString(),
                "source.name", source,
                "acl.principals", "group:groundskeepers",
                "folder.poll.interval.ms", "500",
                "folder.quiet.period.ms", "200"));
        try {
            await("the folder's three files searchable").atMost(FRESH).pollInterval(Duration.ofMillis(500))
                    .until(() -> connectors.documents(word, "group:groundskeepers").size() == 3);
            assertThat(connectors.documents(word, "group:visitors")).as("a reader the folder does not name").isEmpty();

            Files.writeString(folder.resolve("pond.txt"), "The " + word + " pond is now drained every spring.");
            Files.delete(folder.resolve("notes/old.txt"));
            await("the edit and the removal reach the index").atMost(FRESH).pollInterval(Duration.ofMillis(500))
                    .until(() -> connectors.documents(word, "group:groundskeepers").size() == 2
                            && connectors.texts(word + " spring", "group:groundskeepers").contains("spring"));

            worker.stop();
            List<ConsumerRecord<String, String>> beforeRestart = connectors.records(k -> k.startsWith(source + ":"));
            // 3 upserts, the edit, and the removal with its tombstone.
            assertThat(beforeRestart).hasSize(6);

            Files.writeString(folder.resolve("notes/added.txt"), "A " + word + " heron nests by the pond in May.");
            worker.startAgain(WORKER_START);
            await("the file added while the worker was stopped").atMost(FRESH).pollInterval(Duration.ofMillis(500))
                    .until(() -> connectors.documents(word, "group:groundskeepers").size() == 3);
            assertThat(SourceConnectors.publishedSince(beforeRestart, connectors.records(k -> k.startsWith(source + ":"))))
                    .as("after the restart only the new file is published")
                    .containsExactly(source + ":notes/added.txt");

            // The folder goes away (an unmounted share, a renamed directory): retried, nothing deleted.
            Path away = folder.resolveSibling("files-away");
            Files.move(folder, away);
            await("the connector meets the missing folder").atMost(FRESH).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.readString(worker.logFile()).contains("nothing is removed"));
            Files.move(away, folder);
            Files.writeString(folder.resolve("notes/back.txt"), "The " + word + " pond's ducks are back.");
            await("the folder is back and followed again").atMost(FRESH).pollInterval(Duration.ofMillis(500))
                    .until(() -> connectors.documents(word, "group:groundskeepers").size() == 4);
            assertThat(connectors.records(k -> k.startsWith(source + ":")).stream()
                    .filter(r -> r.value() == null).map(ConsumerRecord::key).toList())
                    .as("the only tombstones are the removed file's").containsExactly(source + ":notes/old.txt");
        } finally {
            worker.stop();
        }
    }
}
