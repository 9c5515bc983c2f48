package io.freshet.infra;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One engine (Kafka or OpenSearch + k-NN) running as a child JVM: how to launch it, when it is ready, and how to
 * stop it. Used by {@link EngineFixture} (random ports, in tests) and {@link FreshetUp} (fixed ports).
 *
 * <p>JDK-only on purpose: it runs in the services' test JVMs, where neither Kafka's nor OpenSearch's classes exist.
 * Stopping and starting again reuses the same ports and data directory, so fault tests can take an engine away
 * and bring it back with its data.
 */
public final class EngineProcess {

    // Names, not class literals: referring to the classes would make this JVM load Kafka/OpenSearch types.
    static final String KAFKA_MAIN = "io.freshet.infra.KafkaBrokerMain";
    static final String OPENSEARCH_MAIN = "io.freshet.infra.OpenSearchNodeMain";
    static final String LOG_CONFIG = "io/freshet/infra/engine-log4j2.properties";
    static final String PARENT_PID_PROPERTY = "freshet.parent.pid";

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path home;
    private final String address;
    private final ChildProcess child;
    private final BooleanSupplier ready;
    private final ClassDataArchive classData;

    private EngineProcess(Path home, String address, ChildProcess child, BooleanSupplier ready,
                          ClassDataArchive classData) {
        this.home = home;
        this.address = address;
        this.child = child;
        this.ready = ready;
        this.classData = classData;
        if (classData != null) {
            child.startOptions(classData::jvmOptions);
        }
    }

    /**
     * A single-node KRaft broker+controller on 127.0.0.1.
     *
     * @param home       data and config directory (kept across stop/start)
     * @param logFile    where the process's output goes (appended)
     * @param heap       -Xmx value, e.g. "512m"
     * @param ownSession true to shield it from the terminal's Ctrl-C (the launcher stops it in order)
     * @param quickStart true for short-lived test engines: C1 JIT only, which halves start CPU but slows
     *                   sustained work
     */
    public static EngineProcess kafka(Path home, Path logFile, int port, int controllerPort, String heap,
                                      boolean ownSession, boolean quickStart) {
        String classpath = EngineClasspath.forKafka();
        List<String> command = javaCommand(heap, classpath, quickStart);
        command.add(KAFKA_MAIN);
        command.add(home.toAbsolutePath().toString());
        command.add(Integer.toString(port));
        command.add(Integer.toString(controllerPort));
        ChildProcess child = new ChildProcess("kafka", command, logFile, Map.of(), STOP_GRACE, ownSession);
        return new EngineProcess(home, "127.0.0.1:" + port, child, () -> kafkaAnswers(port),
                ClassDataArchive.forClasspath("kafka", classpath));
    }

    /** A single-node OpenSearch with the k-NN plugin (lucene engine only) on 127.0.0.1. */
    public static EngineProcess openSearch(Path home, Path logFile, int httpPort, int transportPort, String heap,
                                           boolean ownSession, boolean quickStart) {
        String classpath = EngineClasspath.forOpenSearch();
        List<String> command = javaCommand(heap, classpath, quickStart);
        // From OpenSearch's own jvm.options; log4j must not shut down before the node has closed.
        command.addAll(command.indexOf("-cp"), List.of("-Dlog4j.shutdownHookEnabled=false",
                "-Dlog4j2.disable.jmx=true", "-Dio.netty.noKeySetOptimization=true",
                "-Dio.netty.recycler.maxCapacityPerThread=0", "-Djava.locale.providers=SPI,COMPAT"));
        command.add(OPENSEARCH_MAIN);
        command.add(home.toAbsolutePath().toString());
        command.add(Integer.toString(httpPort));
        command.add(Integer.toString(transportPort));
        String url = "http://127.0.0.1:" + httpPort;
        ChildProcess child = new ChildProcess("opensearch", command, logFile, Map.of(), STOP_GRACE, ownSession);
        return new EngineProcess(home, url, child, () -> clusterIsYellowOrGreen(url),
                ClassDataArchive.forClasspath("opensearch", classpath));
    }

    private static List<String> javaCommand(String heap, String classpath, boolean quickStart) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        if (quickStart) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.add("-XX:+UseSerialGC");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + LOG_CONFIG);
        // The child watches this process and exits if it dies without running its shutdown hook (kill -9).
        command.add("-D" + PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        String extra = System.getProperty("freshet.engines.jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("-cp");
        command.add(classpath);
        return command;
    }

    /** "127.0.0.1:port" for Kafka, "http://127.0.0.1:port" for OpenSearch. */
    public String address() {
        return address;
    }

    public String name() {
        return child.name();
    }

    public Path home() {
        return home;
    }

    public Path logFile() {
        return child.logFile();
    }

    public boolean isRunning() {
        return child.isRunning();
    }

    public long pid() {
        return child.pid();
    }

    /**
     * Spawns the engine and waits until it serves requests.
     *
     * @throws IllegalStateException if it exits or is not ready within {@code timeout}; the message holds the
     *                               tail of its log
     */
    public void start(Duration timeout) {
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + home, e);
        }
        child.start(ready, timeout);
    }

    /** SIGTERM (the engine shuts down cleanly), then SIGKILL if it is still alive after 30 s. No lock taken. */
    public void stop() {
        boolean clean = child.stop();
        if (classData != null) {
            if (clean) {
                classData.promoteIfDumped();
            } else {
                classData.discardDump();
            }
        }
    }

    /** The last lines of the engine's log, for error messages. */
    public String logTail() {
        return child.logTail();
    }

    /** Fails with a clear message when another process already listens on the port. */
    public static void requirePortFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " (" + what + ") is already in use on 127.0.0.1; "
                    + "stop whatever holds it (see `ss -ltnp 'sport = :" + port + "'`) and try again");
        }
    }

    /**
     * A port that was free a moment ago on 127.0.0.1, below Linux's ephemeral range (32768+): there, an outgoing
     * connection could take an engine's port while a fault test has the engine stopped.
     */
    public static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = random.nextInt(20000, 32000);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
                return port;
            } catch (IOException e) {
                // taken; try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port", e);
        }
    }

    /**
     * Kafka opens its listener sockets before it processes requests, so an accepted connection proves little.
     * An ApiVersions (v0) answer does: the broker only handles requests once it has joined its own quorum.
     */
    static boolean kafkaAnswers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            byte[] clientId = "freshet-probe".getBytes(StandardCharsets.UTF_8);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            int correlationId = 7;
            out.writeInt(2 + 2 + 4 + 2 + clientId.length);
            out.writeShort(18); // ApiVersions
            out.writeShort(0);
            out.writeInt(correlationId);
            out.writeShort(clientId.length);
            out.write(clientId);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            int answeredCorrelationId = in.readInt();
            short errorCode = in.readShort();
            return size > 6 && answeredCorrelationId == correlationId && errorCode == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    static boolean clusterIsYellowOrGreen(String url) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(url + "/_cluster/health?wait_for_status=yellow&timeout=2s"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body().replace(" ", "");
            return response.statusCode() == 200
                    && (body.contains("\"status\":\"yellow\"") || body.contains("\"status\":\"green\""));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
