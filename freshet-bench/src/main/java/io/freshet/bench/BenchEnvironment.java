package io.freshet.bench;

import io.freshet.infra.EngineProcess;
import io.freshet.infra.LocalTokenIssuer;
import io.freshet.infra.RenewingToken;
import io.freshet.infra.ServiceStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The system under test, all of it the benchmark's own: Kafka and OpenSearch + k-NN as processes on free ports with
 * their data in a temporary directory, a token issuer on a free port (its keys there too) that query-service and
 * ingest-service trust, and the four services from their jars on free ports. It never touches a running
 * {@code ./freshet up}. Closing stops the services first, then the engines and the issuer, and deletes the data.
 */
public final class BenchEnvironment implements AutoCloseable {

    private static final Duration ENGINE_START = Duration.ofSeconds(180);
    private static final Duration SERVICE_START = Duration.ofSeconds(360);

    private final Path dataDir;
    private final List<EngineProcess> engines = new CopyOnWriteArrayList<>();
    private volatile EngineProcess kafka;
    private volatile EngineProcess openSearch;
    private volatile ServiceStack services;
    private volatile LocalTokenIssuer tokens;
    // As start() got them, for a phase's extra query-service.
    private volatile Path logs;
    private volatile List<String> springArguments = List.of();

    private BenchEnvironment(Path dataDir) {
        this.dataDir = dataDir;
    }

    /**
     * Creates the data directory and copies the four service jars into it, so that rebuilding a service while the
     * benchmark runs cannot pull a jar from under a running process (a Boot jar loads classes lazily from its file).
     * Nothing runs yet; the shutdown hook stops whatever is started later.
     */
    public static BenchEnvironment prepare(Path repo) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("freshet-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BenchEnvironment environment = new BenchEnvironment(dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(environment::close, "freshet-bench-stop"));
        try {
            for (ServiceStack.Service service : ServiceStack.standardPorts()) {
                Path jar = ServiceStack.jarOf(repo, service);
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException("Missing " + jar + "; build it: ./mvnw -B -q install -DskipTests");
                }
                Path copy = ServiceStack.jarOf(environment.jarsRoot(), service);
                Files.createDirectories(copy.getParent());
                Files.copy(jar, copy, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            environment.close();
            throw new UncheckedIOException("cannot copy the service jars to " + dataDir, e);
        } catch (RuntimeException e) {
            environment.close();
            throw e;
        }
        return environment;
    }

    /** The copy of a service's jar this run starts, e.g. for reading its packaged settings. */
    public Path serviceJar(String service) {
        return jarsRoot().resolve(service).resolve("target").resolve(service + "-exec.jar");
    }

    private Path jarsRoot() {
        return dataDir.resolve("jars");
    }

    /**
     * Starts the engines and the services and waits until the services are healthy.
     *
     * @param logs     where each process's log goes ({@code <name>.log})
     * @param monitor  told each process's pid as it starts
     */
    public void start(BenchOptions options, Path logs, ProcessMonitor monitor, Consumer<String> say) {
        this.logs = logs;
        this.springArguments = options.springArguments();
        try {
            Files.createDirectories(logs);
            startEngines(options, logs, monitor, say);
            startServices(options, logs, monitor, say);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startEngines(BenchOptions options, Path logs, ProcessMonitor monitor, Consumer<String> say) {
        kafka = EngineProcess.kafka(dataDir.resolve("kafka"), logs.resolve("kafka.log"), EngineProcess.freePort(),
                EngineProcess.freePort(), options.kafkaHeap(), true, false);
        int httpPort;
        do {
            httpPort = EngineProcess.freePort();
        } while (kafka.address().endsWith(":" + httpPort));
        openSearch = EngineProcess.openSearch(dataDir.resolve("opensearch"), logs.resolve("opensearch.log"), httpPort,
                EngineProcess.freePort(), options.openSearchHeap(), true, false);
        engines.add(kafka);
        engines.add(openSearch);
        say.accept("Starting Kafka (" + kafka.address() + ", -Xmx" + options.kafkaHeap() + ") and OpenSearch ("
                + openSearch.address() + ", -Xmx" + options.openSearchHeap() + "), data in " + dataDir);
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        List<Thread> starters = new ArrayList<>();
        for (EngineProcess engine : engines) {
            Thread starter = new Thread(() -> {
                long start = System.nanoTime();
                try {
                    engine.start(ENGINE_START);
                    monitor.watch(engine.name(), engine.pid());
                    say.accept(String.format("  %-14s ready (%.1f s)", engine.name(), (System.nanoTime() - start) / 1e9));
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "bench-start-" + engine.name());
            starter.start();
            starters.add(starter);
        }
        for (Thread starter : starters) {
            try {
                starter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the engines", e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private void startServices(BenchOptions options, Path logs, ProcessMonitor monitor, Consumer<String> say) {
        tokens = LocalTokenIssuer.start(dataDir.resolve("issuer"), 0);
        List<ServiceStack.Service> ports = ServiceStack.freePorts();
        services = ServiceStack.spawn(jarsRoot(), ports, kafka.address(), openSearch.address(),
                name -> logs.resolve(name + ".log"), options.springArguments(), benchServiceArguments(tokens),
                (service, pid) -> monitor.watch(service.name(), pid));
        say.accept("Starting the services" + (options.serviceArguments().isEmpty() ? "" : " with " + options.springArguments())
                + " (waiting for /actuator/health UP) ...");
        services.awaitHealthy(SERVICE_START, say);
    }

    /**
     * One more query-service on free ports, set up as the shared one plus {@code arguments} (e.g. a language model's
     * settings), for a phase that needs it configured otherwise without changing what the other phases measure.
     * Waits until it is healthy; the caller closes it.
     *
     * @param name its log file ({@code <name>.log}) and its name in the resource figures
     */
    public ServiceStack startQueryService(String name, List<String> arguments, ProcessMonitor monitor, Consumer<String> say) {
        ServiceStack.Service query = ServiceStack.freePorts().stream()
                .filter(s -> s.name().equals(ServiceStack.QUERY)).findFirst().orElseThrow();
        List<String> queryArguments = new ArrayList<>(benchServiceArguments(tokens).get(ServiceStack.QUERY));
        queryArguments.addAll(arguments);
        ServiceStack stack = ServiceStack.spawn(jarsRoot(), List.of(query), kafka.address(), openSearch.address(),
                service -> logs.resolve(name + ".log"), springArguments, Map.of(ServiceStack.QUERY, queryArguments),
                (service, pid) -> monitor.watch(name, pid));
        try {
            stack.awaitHealthy(SERVICE_START, say);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /**
     * One more instance of a running service, in its consumer groups, on free ports, set up as the first plus
     * {@code arguments}; waits until it is healthy. Its log is {@code <service>-<n>.log}, its figures under that name.
     */
    public ServiceStack.Service addInstance(String service, List<String> arguments, ProcessMonitor monitor,
                                            Consumer<String> say) {
        ServiceStack.Service added = services.addInstance(service, arguments,
                (instance, pid) -> monitor.watch(instance.instanceName(), pid));
        try {
            services.awaitHealthy(SERVICE_START, say);
        } catch (RuntimeException e) {
            services.remove(added);
            throw e;
        }
        return added;
    }

    /** Stops an instance {@link #addInstance} started (SIGTERM: it leaves its consumer group at once). */
    public void removeInstance(ServiceStack.Service instance) {
        services.remove(instance);
    }

    /**
     * The services trust the bench's issuer; query-service also serves anonymous readers of public documents, so the
     * latency phase can measure what authentication costs a search (the corpus is public).
     */
    private static Map<String, List<String>> benchServiceArguments(LocalTokenIssuer tokens) {
        Map<String, List<String>> arguments = new HashMap<>(ServiceStack.tokenArguments(tokens));
        List<String> query = new ArrayList<>(arguments.get(ServiceStack.QUERY));
        query.add("--freshet.security.anonymous-public=true");
        arguments.put(ServiceStack.QUERY, query);
        return arguments;
    }

    public String kafkaBootstrapServers() {
        return kafka.address();
    }

    public String openSearchUrl() {
        return openSearch.address();
    }

    public String url(String service) {
        return services.url(service).toString();
    }

    /** Where the service's actuator answers (health, prometheus). */
    public String managementUrl(String service) {
        return services.managementUrl(service).toString();
    }

    /** A token for query-service: the benchmark's own user, in no group (the corpus is public). */
    public RenewingToken userToken() {
        return RenewingToken.user(tokens, "freshet-bench", List.of());
    }

    /** True when every service and engine is still running (none crashed during the run). */
    public List<String> exited() {
        List<String> exited = new ArrayList<>();
        for (String name : List.of(ServiceStack.INGEST, ServiceStack.EMBED, ServiceStack.INDEX, ServiceStack.QUERY)) {
            if (!services.isRunning(name)) {
                exited.add(name);
            }
        }
        engines.stream().filter(e -> !e.isRunning()).forEach(e -> exited.add(e.name()));
        return exited;
    }

    @Override
    public synchronized void close() {
        ServiceStack running = services;
        services = null;
        if (running != null) {
            running.close();
        }
        List<Thread> stops = engines.stream().map(engine -> new Thread(engine::stop)).toList();
        engines.clear();
        stops.forEach(Thread::start);
        for (Thread stop : stops) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LocalTokenIssuer issuer = tokens;
        tokens = null;
        if (issuer != null) {
            issuer.close();
        }
        deleteRecursively(dataDir);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[bench] could not delete " + dir + ": " + e.getMessage());
        }
    }
}
