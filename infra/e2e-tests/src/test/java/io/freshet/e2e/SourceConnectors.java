package io.freshet.e2e;

import io.freshet.infra.ConnectWorker;
import io.freshet.infra.ConnectWorkerSetup;
import io.freshet.infra.EngineProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the connector tests share: a real standalone Connect worker per connector on the shared pipeline's broker (the
 * plugin from freshet-connectors/target/plugin, as {@code ./freshet connect} runs it), searches as a given reader, and
 * the records a connector put on the changes topic.
 */
final class SourceConnectors {

    static final Duration WORKER_START = Duration.ofSeconds(120);
    static final Duration FRESH = Duration.ofSeconds(60);

    private final Pipeline pipeline;

    SourceConnectors(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** A worker running the connector, started and awaited until its tasks run. */
    ConnectWorker start(Map<String, String> connector) {
        String name = connector.get("name");
        ConnectWorkerSetup setup = new ConnectWorkerSetup(RunningServices.repo(), target(name).resolve("worker"),
                pipeline.engines().kafkaBootstrapServers(), EngineProcess.freePort(), connector);
        return ConnectWorker.start(setup, target(name).resolve("worker.log"), WORKER_START);
    }

    /** A worker of the Connect cluster {@code cluster} (distributed mode), awaited until its REST API answers. */
    ConnectWorker startInCluster(Map<String, String> connector, String cluster, String workerName) {
        ConnectWorkerSetup setup = new ConnectWorkerSetup(RunningServices.repo(), target(workerName).resolve("worker"),
                pipeline.engines().kafkaBootstrapServers(), EngineProcess.freePort(), connector, cluster);
        return ConnectWorker.start(setup, target(workerName).resolve("worker.log"), WORKER_START);
    }

    /**
     * The documents whose passages hold the search's first word, as the reader with these principals finds them.
     * Lexical: whether a passage is there for this reader, not how hybrid ranks it against the rest of the index
     * (vector neighbours of a made-up word depend on what else earlier tests indexed).
     */
    List<String> documents(String text, String principals) {
        String word = text.split(" ")[0];
        return pipeline.client().search(text, 20, "lexical", principals).stream()
                .filter(hit -> hit.text().contains(word))
                .map(FreshetClient.Hit::documentId).distinct().sorted().toList();
    }

    String texts(String text, String principals) {
        return String.join("\n", pipeline.client().search(text, 20, "lexical", principals).stream()
                .map(FreshetClient.Hit::text).toList());
    }

    /** The records on the changes topic whose key matches. */
    List<ConsumerRecord<String, String>> records(Predicate<String> key) {
        return pipeline.changes().changes(key);
    }

    /** The keys of the records in {@code after} that {@code before} did not hold (the topic's partitions interleave). */
    static List<String> publishedSince(List<ConsumerRecord<String, String>> before,
                                       List<ConsumerRecord<String, String>> after) {
        Set<String> seen = new HashSet<>();
        before.forEach(r -> seen.add(r.partition() + "@" + r.offset()));
        return after.stream().filter(r -> !seen.contains(r.partition() + "@" + r.offset()))
                .map(ConsumerRecord::key).toList();
    }

    static Path target(String name) {
        return RunningServices.repo().resolve("infra/e2e-tests/target/connectors").resolve(name);
    }
}
