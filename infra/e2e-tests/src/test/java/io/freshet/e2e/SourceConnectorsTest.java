package io.freshet.e2e;

import io.freshet.infra.ConnectWorker;
import io.freshet.infra.ConnectWorkerSetup;
import io.freshet.infra.EngineProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Freshet connectors under a real Kafka Connect worker (standalone, Connect 4.1.2, the plugin from
 * freshet-connectors/target/plugin) against the shared pipeline: a change at the source reaches the index, the readers
 * the source names are the only ones who find it, and a restarted worker publishes nothing unchanged.
 */
class SourceConnectorsTest {

    private static final Duration WORKER_START = Duration.ofSeconds(120);
    private static final Duration FRESH = Duration.ofSeconds(60);

    private final Pipeline pipeline = LocalPipeline.shared();

    @Test
    void aFolderReachesTheIndexAndARestartedWorkerPublishesOnlyWhatChanged() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String source = "e2e-folder-" + run;
        String word = "quillwort" + run;
        Path folder = Files.createDirectories(target("folder-" + run).resolve("files"));
        Files.writeString(folder.resolve("pond.txt"), "The " + word + " pond is drained every autumn by the groundskeeper.");
        Files.createDirectories(folder.resolve("notes"));
        Files.writeString(folder.resolve("notes/boat.md"), "# Boats\nRowing boats on the " + word + " pond need a permit.");
        Files.writeString(folder.resolve("notes/old.txt"), "An old " + word + " notice about skating.");

        Map<String, String> connector = new HashMap<>(Map.of(
                "name", "e2e-folder-" + run,
                "connector.class", "io.freshet.connectors.folder.FolderSourceConnector",
                "tasks.max", "1",
                "folder.path", folder.toString(),
                "source.name", source,
                "acl.principals", "group:groundskeepers",
                "folder.poll.interval.ms", "500",
                "folder.quiet.period.ms", "200"));
        ConnectWorker worker = ConnectWorker.start(setup(connector, run), target("folder-" + run).resolve("worker.log"),
                WORKER_START);
        try {
            await("the folder's three files searchable").atMost(FRESH).pollInterval(Duration.ofMillis(500))
                    .until(() -> documents(word, "group:groundskeepers").size() == 3);
            assertThat(documents(word, "group:visitors")).as("a reader the folder does not name").isEmpty();

            Files.writeString(folder.resolve("pond.txt"), "The " + word + " pond is now drained every spring.");
            Files.delete(folder.resolve("notes/old.txt"));
            await("the edit and the removal reach the index").atMost(FRESH).pollInterval(Duration.ofMillis(500))
                    .until(() -> documents(word, "group:groundskeepers").size() == 2
                            && texts(word + " spring", "group:groundskeepers").contains("spring"));

            worker.stop();
            List<ConsumerRecord<String, String>> beforeRestart = pipeline.changes().changes(k -> k.startsWith(source + ":"));
            // 3 upserts, the edit, and the removal with its tombstone.
            assertThat(beforeRestart).hasSize(6);

            Files.writeString(folder.resolve("notes/added.txt"), "A " + word + " heron nests by the pond in May.");
            worker.startAgain(WORKER_START);
            await("the file added while the worker was stopped").atMost(FRESH).pollInterval(Duration.ofMillis(500))
                    .until(() -> documents(word, "group:groundskeepers").size() == 3);
            List<ConsumerRecord<String, String>> afterRestart = pipeline.changes().changes(k -> k.startsWith(source + ":"));
            assertThat(publishedSince(beforeRestart, afterRestart))
                    .as("after the restart only the new file is published")
                    .containsExactly(source + ":notes/added.txt");
        } finally {
            worker.stop();
        }
    }

    /** The keys of the records in {@code after} that {@code before} did not hold (the topic's partitions interleave). */
    private static List<String> publishedSince(List<ConsumerRecord<String, String>> before,
                                               List<ConsumerRecord<String, String>> after) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        before.forEach(r -> seen.add(r.partition() + "@" + r.offset()));
        return after.stream().filter(r -> !seen.contains(r.partition() + "@" + r.offset()))
                .map(ConsumerRecord::key).toList();
    }

    private ConnectWorkerSetup setup(Map<String, String> connector, String run) {
        return new ConnectWorkerSetup(RunningServices.repo(), target(connector.get("name")).resolve("worker"),
                pipeline.engines().kafkaBootstrapServers(), EngineProcess.freePort(), connector);
    }

    private List<String> documents(String text, String principals) {
        return pipeline.client().search(text, 20, "hybrid", principals).stream()
                .filter(hit -> hit.text().contains(text.split(" ")[0]))
                .map(FreshetClient.Hit::documentId).distinct().toList();
    }

    private String texts(String text, String principals) {
        return String.join("\n", pipeline.client().search(text, 20, "hybrid", principals).stream()
                .map(FreshetClient.Hit::text).toList());
    }

    private static Path target(String name) {
        return RunningServices.repo().resolve("infra/e2e-tests/target/connectors").resolve(name);
    }
}
