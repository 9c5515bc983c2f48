package io.freshet.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Kafka and OpenSearch + k-NN of a {@code ./freshet up} run, on their fixed ports, data under {@code work/}. */
final class LocalEngines {

    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int OPENSEARCH_HTTP_PORT = 9200;
    static final int OPENSEARCH_TRANSPORT_PORT = 9300;
    static final String KAFKA = "127.0.0.1:" + KAFKA_PORT;
    static final String OPENSEARCH = "http://127.0.0.1:" + OPENSEARCH_HTTP_PORT;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final RunFiles files;
    private final List<EngineProcess> engines = new CopyOnWriteArrayList<>();

    LocalEngines(RunFiles files) {
        this.files = files;
    }

    /** Starts both and returns when both are ready; the first failure is thrown (stop() cleans up). */
    void start() {
        String heapKafka = System.getProperty("freshet.engines.kafka.heap", "512m");
        String heapOpenSearch = System.getProperty("freshet.engines.opensearch.heap", "512m");
        EngineProcess kafka = EngineProcess.kafka(files.work().resolve("kafka"), files.rotated("kafka"), KAFKA_PORT,
                KAFKA_CONTROLLER_PORT, heapKafka, true, false);
        EngineProcess openSearch = EngineProcess.openSearch(files.work().resolve("opensearch"), files.rotated("opensearch"),
                OPENSEARCH_HTTP_PORT, OPENSEARCH_TRANSPORT_PORT, heapOpenSearch, true, false);
        engines.add(kafka);
        engines.add(openSearch);
        Console.say("Starting Kafka (" + KAFKA + ") and OpenSearch (" + OPENSEARCH + ") ...");
        // In parallel: each spends most of its start in its own JVM.
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        List<Runnable> starts = new ArrayList<>();
        for (EngineProcess engine : List.of(kafka, openSearch)) {
            starts.add(() -> {
                long start = System.nanoTime();
                try {
                    engine.start(START_TIMEOUT);
                    files.recordPid(engine.name(), engine.pid());
                    Console.say(String.format("  %-14s ready at %s (%.1f s)", engine.name(), engine.address(),
                            Console.secondsSince(start)));
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            });
        }
        ChildProcess.inParallel(starts);
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    boolean anyRunning() {
        return engines.stream().anyMatch(EngineProcess::isRunning);
    }

    void stop() {
        ChildProcess.inParallel(engines.stream().<Runnable>map(engine -> engine::stop).toList());
    }
}
