package io.freshet.e2e;

import io.freshet.infra.ServiceStack;
import io.freshet.infra.ServiceStack.Service;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.freshet.infra.ServiceStack.EMBED;
import static io.freshet.infra.ServiceStack.INDEX;
import static io.freshet.infra.ServiceStack.INGEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances each of ingest, embed and index in their consumer groups on the real broker (the shared pipeline's
 * and one more of each); one instance of each stage is killed (SIGKILL) while a stream of changes flows. The
 * survivors take over the dead instances' partitions once the broker expires their sessions, and every document
 * ends at its latest version exactly once: nothing lost, duplicated, stale or dead-lettered.
 */
class MultiInstancePipelineTest {

    private static final List<String> STAGES = List.of(INGEST, EMBED, INDEX);
    /** What each stage's consumer group reads. */
    private static final Map<String, List<String>> TOPICS = Map.of(INGEST, List.of("freshet.documents.changes", "freshet.documents.replay"),
            EMBED, List.of("freshet.documents.extracted"), INDEX, List.of("freshet.documents.embedded", "freshet.documents.status"));
    /** The counters of events each stage handled (Prometheus names). */
    private static final Map<String, List<String>> HANDLED = Map.of(
            INGEST, List.of("freshet_ingest_documents_extracted_total", "freshet_ingest_documents_deleted_total"),
            EMBED, List.of("freshet_embed_documents_total"), INDEX, List.of("freshet_index_events_total"));
    private static final Duration START = Duration.ofMinutes(4);
    /** Includes the broker's wait for a killed member's session to expire (session.timeout.ms, 45 s by default). */
    private static final Duration SETTLE = Duration.ofMinutes(3);
    /** The kill comes once this many documents are indexed: the stream is under way, most of it still in flight. */
    private static final int KILL_AFTER_INDEXED = 12;

    private final Pipeline pipeline = LocalPipeline.shared();
    private final ServiceStack stack = pipeline.services().stack();
    private final ChunkIndexInspector index = new ChunkIndexInspector(pipeline.engines().openSearchUrl());
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void oneInstanceOfEachStageKilledMidStreamLosesDuplicatesAndDeadLettersNothing() {
        long started = System.nanoTime();
        Map<String, Service> extras = new LinkedHashMap<>();
        try (ConsumerGroups groups = new ConsumerGroups(pipeline.engines().kafkaBootstrapServers())) {
            for (String stage : STAGES) {
                // A client id of its own tells this instance's consumers apart from the first's at the broker.
                extras.put(stage, stack.addInstance(stage, List.of("--spring.kafka.consumer.client-id=" + stage + "-2"),
                        (service, pid) -> say("%s started (pid %d, %s)", service.instanceName(), pid, service.url())));
            }
            stack.awaitHealthy(START, line -> System.out.println("[multi]" + line));
            await("both instances of every stage holding partitions").atMost(START).pollInterval(Duration.ofMillis(500))
                    .until(() -> STAGES.stream().allMatch(stage -> {
                        ConsumerGroups.Group group = groups.describe(stage);
                        return group.stable() && !group.heldBy(stage + "-2").isEmpty()
                                && !group.heldByOthersThan(stage + "-2").isEmpty();
                    }));
            say("running two instances of each stage after %.0f s: %s", seconds(started),
                    STAGES.stream().map(groups::describe).toList());
            Map<String, Long> deadLettersBefore = groups.deadLetterEnds();

            VersionedStream stream = new VersionedStream(pipeline.changes(), "multi-" + run);
            stream.upsert(0, 48, 1);
            stream.upsert(0, 8, 2);   // updates before the kill
            stream.delete(8, 12, 2);  // deletes before the kill
            Map<String, VersionedStream.Expected> beforeKill = Map.copyOf(stream.expected());

            await("the stream under way: " + KILL_AFTER_INDEXED + " documents indexed, each instance to kill busy")
                    .atMost(SETTLE).pollInterval(Duration.ofMillis(100))
                    .until(() -> indexed(stream.ids()) >= KILL_AFTER_INDEXED
                            && extras.values().stream().allMatch(extra -> handled(extra) > 0));
            long settledAtKill = atExpected(beforeKill).size();
            Map<String, Long> survivorLogsAtKill = new HashMap<>();
            for (String stage : STAGES) {
                survivorLogsAtKill.put(stage, RebalanceLog.end(stack.logFile(stack.service(stage))));
            }
            Map<String, Double> handledAtKill = new LinkedHashMap<>();
            for (Service extra : extras.values()) {
                handledAtKill.put(extra.instanceName(), handled(extra));
                long pid = stack.pid(extra);
                String command = ProcessHandle.of(pid).flatMap(p -> p.info().command()).orElse("?");
                assertThat(command).as("what pid %d of %s runs", pid, extra.instanceName()).endsWith("/java");
                assertThat(stack.kill(extra)).as("exit code of %s after SIGKILL", extra.instanceName()).isEqualTo(128 + 9);
            }
            say("killed %s (SIGKILL) after %.0f s; events handled by them: %s; %d of %d documents at their pre-kill state",
                    extras.values().stream().map(Service::instanceName).toList(), seconds(started), handledAtKill,
                    settledAtKill, beforeKill.size());
            assertThat(settledAtKill).as("documents done when the instances were killed (the kill must come mid-stream)")
                    .isLessThan(beforeKill.size());

            stream.upsert(0, 4, 3);    // a third version, its second one possibly in flight at the kill
            stream.upsert(12, 24, 2);  // updates across the kill
            stream.delete(24, 30, 2);  // deletes across the kill
            stream.upsert(8, 10, 3);   // deleted before the kill, back after it
            stream.upsert(48, 60, 1);  // new documents
            long published = System.nanoTime();

            await("every document at its latest version, every group caught up without the killed instances")
                    .atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                        assertThat(notAtExpected(stream.expected())).as("documents not at their latest version").isEmpty();
                        for (String stage : STAGES) {
                            ConsumerGroups.Group group = groups.describe(stage);
                            assertThat(group.stable() && group.heldBy(stage + "-2").isEmpty()).as("%s", group).isTrue();
                            assertThat(groups.lag(stage, TOPICS.get(stage))).as("lag of %s", stage).isZero();
                        }
                    });
            say("settled %.0f s after the last publish: %d documents, %d events", seconds(published),
                    stream.expected().size(), stream.events());

            assertEveryDocumentExactlyAtItsLatestVersion(stream.expected());
            assertThat(groups.deadLetterEnds()).as("dead-letter topics (end offsets) before and after the stream")
                    .isEqualTo(deadLettersBefore);
            for (String stage : STAGES) {
                assertSurvivorTookOver(stage, groups, survivorLogsAtKill.get(stage));
            }
            say("passed in %.0f s", seconds(started));
        } finally {
            extras.values().forEach(stack::remove);
        }
    }

    /**
     * Each survivor logged the rebalance after the kill (a revocation, then assignments) and holds every partition of
     * its topics, and so does its instance at the broker.
     */
    private void assertSurvivorTookOver(String stage, ConsumerGroups groups, long logOffsetAtKill) {
        Path log = stack.logFile(stack.service(stage));
        RebalanceLog rebalances = RebalanceLog.since(log, logOffsetAtKill);
        Set<TopicPartition> all = groups.partitionsOf(TOPICS.get(stage));
        Set<String> allNames = all.stream().map(TopicPartition::toString).collect(Collectors.toSet());
        say("%s after the kill logged: %s", stage, rebalances);
        assertThat(rebalances.count("revoked")).as("%s: partitions revoked lines after the kill in %s", stage, log)
                .isPositive();
        assertThat(rebalances.heldAtEnd()).as("%s: partitions assigned after the kill, per %s", stage, log)
                .isEqualTo(allNames);
        assertThat(groups.describe(stage).heldByOthersThan(stage + "-2")).as("%s: partitions the survivor holds at the broker", stage)
                .isEqualTo(all);
    }

    /**
     * Status at the last version published; an upsert's chunks numbered 0..n-1 (n from the status) once each, all of
     * that version (its version field, its title, its text), nothing of another version; a deleted document none.
     */
    private void assertEveryDocumentExactlyAtItsLatestVersion(Map<String, VersionedStream.Expected> expected) {
        Map<String, ChunkIndexInspector.Status> statuses = index.statusesOf(expected.keySet());
        Map<String, List<ChunkIndexInspector.ChunkContent>> chunks = index.chunksOf(expected.keySet());
        List<String> wrong = new ArrayList<>();
        long chunkCount = 0;
        for (Map.Entry<String, VersionedStream.Expected> entry : expected.entrySet()) {
            String id = entry.getKey();
            long version = entry.getValue().version();
            ChunkIndexInspector.Status status = statuses.get(id);
            List<ChunkIndexInspector.ChunkContent> stored = chunks.getOrDefault(id, List.of());
            chunkCount += stored.size();
            boolean right;
            if (entry.getValue().deleted()) {
                right = stored.isEmpty();
            } else {
                List<Integer> numbers = stored.stream().map(ChunkIndexInspector.ChunkContent::number).toList();
                right = status != null && status.chunks() >= 1 && numbers.equals(IntStream.range(0, status.chunks()).boxed().toList())
                        && stored.stream().allMatch(c -> c.version() == version
                        && c.title().equals(VersionedStream.title(id, version)) && VersionedStream.onlyMarkersOf(version, c.text()))
                        && stored.stream().map(ChunkIndexInspector.ChunkContent::text).collect(Collectors.joining())
                        .contains(VersionedStream.marker(version));
            }
            if (!right) {
                wrong.add(id + ": expected v" + version + (entry.getValue().deleted() ? " deleted" : "") + ", status " + status
                        + ", chunk index holds " + stored);
            }
        }
        say("%d documents, %d chunks in the index, %d not exactly at their latest version", expected.size(), chunkCount,
                wrong.size());
        assertThat(wrong).as("documents not exactly once at their latest version").isEmpty();
    }

    /** Documents of {@code expected} whose status is not (yet) the one expected, with what it is. */
    private Map<String, String> notAtExpected(Map<String, VersionedStream.Expected> expected) {
        Map<String, ChunkIndexInspector.Status> statuses = index.statusesOf(expected.keySet());
        Map<String, String> off = new LinkedHashMap<>();
        expected.forEach((id, want) -> {
            ChunkIndexInspector.Status status = statuses.get(id);
            if (status == null || status.version() != want.version()
                    || !status.state().equals(want.deleted() ? "DELETED" : "INDEXED")) {
                off.put(id, status == null ? "no status" : "v" + status.version() + " " + status.state());
            }
        });
        return off;
    }

    private Set<String> atExpected(Map<String, VersionedStream.Expected> expected) {
        Set<String> at = new java.util.HashSet<>(expected.keySet());
        at.removeAll(notAtExpected(expected).keySet());
        return at;
    }

    private long indexed(List<String> ids) {
        return index.statusesOf(ids).values().stream().filter(s -> s.state().equals("INDEXED")).count();
    }

    /** Events the instance reports it handled (from its own metrics). */
    private static double handled(Service instance) {
        ServiceMetrics metrics = new ServiceMetrics(URI.create(instance.managementUrl()));
        return HANDLED.get(instance.name()).stream().mapToDouble(metrics::sum).sum();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void say(String format, Object... args) {
        System.out.printf("[multi] " + format + "%n", args);
    }
}
