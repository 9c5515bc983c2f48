package io.freshet.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Real Kafka (KRaft) and OpenSearch + k-NN for integration tests, each in its own child JVM on free 127.0.0.1 ports.
 *
 * <p>One per test JVM ({@link #shared()}); each engine starts on first use and both stop in a shutdown hook. This
 * class uses only the JDK, so a service's test classpath needs nothing but the engines jar.
 *
 * <p>Test engines start with the C1 JIT only and from a class-data archive (see {@link ClassDataArchive}), which
 * brings a start down to about 3 s (Kafka) and 4-5 s (OpenSearch) on a busy 2-core machine.
 *
 * <p>System properties: {@code freshet.engines.kafka.heap} / {@code freshet.engines.opensearch.heap} (-Xmx of the
 * child, default 512m), {@code freshet.engines.startTimeoutSeconds} (default 120), {@code freshet.engines.dir}
 * (where data and logs go; default {@code target/freshet-engines/<run>} under the working directory, or a temp
 * directory), {@code freshet.engines.keepData=true} (do not delete the data directories at exit),
 * {@code freshet.engines.jvmArgs} (extra JVM options, space-separated), {@code freshet.engines.cds=false} (no
 * class-data archive).
 */
public final class EngineFixture {

    private static EngineFixture shared;

    private final Path root;
    private final ManagedEngine kafka;
    private final ManagedEngine openSearch;

    private EngineFixture(Path root) {
        this.root = root;
        Path kafkaHome = root.resolve("kafka");
        Path openSearchHome = root.resolve("opensearch");
        // Ports are picked when an engine is first launched (not now), so they are still free when it binds them.
        this.kafka = new ManagedEngine(kafkaHome, () -> EngineProcess.kafka(kafkaHome, kafkaHome.resolve("kafka.log"),
                distinctFreePort(), distinctFreePort(), heap("kafka"), false, true));
        this.openSearch = new ManagedEngine(openSearchHome, () -> EngineProcess.openSearch(openSearchHome,
                openSearchHome.resolve("opensearch.log"), distinctFreePort(), distinctFreePort(), heap("opensearch"),
                false, true));
    }

    /** The one fixture of this JVM; creating it starts nothing. */
    public static synchronized EngineFixture shared() {
        if (shared == null) {
            EngineFixture fixture = new EngineFixture(chooseRoot());
            Runtime.getRuntime().addShutdownHook(new Thread(fixture::shutdown, "freshet-engines-shutdown"));
            shared = fixture;
        }
        return shared;
    }

    /** "127.0.0.1:&lt;port&gt;"; starts Kafka if it has never been started. */
    public String kafkaBootstrapServers() {
        return kafka.address();
    }

    /** "http://127.0.0.1:&lt;port&gt;"; starts OpenSearch if it has never been started. */
    public String openSearchUrl() {
        return openSearch.address();
    }

    /** Stops Kafka (SIGTERM, then SIGKILL after 30 s). Its address stays valid; {@link #startKafka()} revives it. */
    public void stopKafka() {
        kafka.stop();
    }

    /** Starts Kafka on the same port with the same data, and waits until it answers. */
    public void startKafka() {
        kafka.start();
    }

    public void stopOpenSearch() {
        openSearch.stop();
    }

    public void startOpenSearch() {
        openSearch.start();
    }

    private void shutdown() {
        Thread stopKafka = new Thread(kafka::kill, "freshet-stop-kafka");
        stopKafka.start();
        openSearch.kill();
        try {
            stopKafka.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!Boolean.getBoolean("freshet.engines.keepData")) {
            deleteRecursively(kafka.home.resolve("data"));
            deleteRecursively(openSearch.home.resolve("data"));
        }
    }

    /**
     * One engine of the fixture. Starts on first {@link #address()}; after an explicit {@link #stop()} the address
     * does not restart it (a fault test wants it down), but an engine that died on its own is restarted.
     */
    private final class ManagedEngine {
        private final Path home;
        private final Supplier<EngineProcess> launcher;
        private volatile EngineProcess process;
        private volatile boolean stoppedOnPurpose;

        ManagedEngine(Path home, Supplier<EngineProcess> launcher) {
            this.home = home;
            this.launcher = launcher;
        }

        synchronized String address() {
            if (process == null) {
                start();
            } else if (!stoppedOnPurpose && !process.isRunning()) {
                System.err.println("[freshet] " + process.name() + " died (log: " + process.logFile()
                        + "); restarting it");
                start();
            }
            return process.address();
        }

        synchronized void start() {
            if (process == null) {
                process = launcher.get();
            }
            stoppedOnPurpose = false;
            long started = System.nanoTime();
            process.start(Duration.ofSeconds(Long.getLong("freshet.engines.startTimeoutSeconds", 120)));
            System.err.printf("[freshet] %s ready at %s in %.1f s (log: %s)%n", process.name(), process.address(),
                    (System.nanoTime() - started) / 1e9, process.logFile());
        }

        synchronized void stop() {
            if (process == null) {
                process = launcher.get();
            }
            stoppedOnPurpose = true;
            process.stop();
        }

        /** For the shutdown hook: no lock, since a test thread may hold it while the engine starts. */
        void kill() {
            stoppedOnPurpose = true;
            EngineProcess current = process;
            if (current != null) {
                current.stop();
            }
        }
    }

    private static String heap(String engine) {
        return System.getProperty("freshet.engines." + engine + ".heap", "512m");
    }

    private final Set<Integer> portsTaken = new HashSet<>();

    private synchronized int distinctFreePort() {
        while (true) {
            int port = EngineProcess.freePort();
            if (portsTaken.add(port)) {
                return port;
            }
        }
    }

    private static Path chooseRoot() {
        try {
            String configured = System.getProperty("freshet.engines.dir");
            if (configured != null && !configured.isBlank()) {
                return Files.createDirectories(Path.of(configured).toAbsolutePath());
            }
            Path target = Path.of(System.getProperty("user.dir"), "target");
            String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                    + "-" + ProcessHandle.current().pid();
            if (Files.isDirectory(target)) {
                return Files.createDirectories(target.resolve("freshet-engines").resolve(run));
            }
            return Files.createTempDirectory("freshet-engines-" + run + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the engines' directory", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[freshet] could not delete " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "EngineFixture[" + root + "]";
    }
}
