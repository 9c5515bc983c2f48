package io.freshet.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The four services as processes started from their jars, pointed at given engine addresses exactly as they would
 * be pointed at production clusters. {@link FreshetUp} runs them on fixed ports; the end-to-end tests and the
 * benchmark run them on free ports.
 */
public final class ServiceStack implements AutoCloseable {

    public static final String INGEST = "ingest-service";
    public static final String EMBED = "embed-service";
    public static final String INDEX = "index-service";
    public static final String QUERY = "query-service";

    /**
     * One instance of a service. embed-service and query-service hold the ONNX model in memory, hence the larger heap.
     * Actuator (health, prometheus) is on {@code managementPort}: its own port for the services with an API (query,
     * ingest), the service's only port for the others. Instances of a service share its consumer groups, so Kafka
     * spreads the partitions over them.
     *
     * @param instance 1 for the first (and usually only) instance of the service, 2, 3 ... for more
     */
    public record Service(String name, int instance, int port, int managementPort, String heap, List<String> jvmOptions) {

        /** The first instance. */
        public Service(String name, int port, int managementPort, String heap, List<String> jvmOptions) {
            this(name, 1, port, managementPort, heap, jvmOptions);
        }

        /** Names its log file and its pid: the service's name for the first instance, "embed-service-2" for the second. */
        public String instanceName() {
            return instance == 1 ? name : name + "-" + instance;
        }

        /** The same service as instance {@code number}, on ports of its own. */
        Service another(int number, Set<Integer> portsTaken) {
            int newPort = distinctFreePort(portsTaken);
            return new Service(name, number, newPort, managementPort == port ? newPort : distinctFreePort(portsTaken), heap,
                    jvmOptions);
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        public String managementUrl() {
            return "http://127.0.0.1:" + managementPort;
        }
    }

    /**
     * ingest-service and index-service mostly move JSON between Kafka and HTTP, and embed-service's hot code is the
     * model, which is native (ONNX Runtime): measured per thread during a 2,000-document load, the C2 compiler took half
     * of the first two's CPU and 6.6 CPU-s of embed-service's Java side (docs/benchmarks.md). The C1 compiler alone
     * compiles for a fraction of that; the query path's service keeps C2.
     */
    private static final List<String> C1_ONLY = List.of("-XX:TieredStopAtLevel=1");
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Map<Service, ChildProcess> processes = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** How every instance is launched; {@link #addInstance} launches more the same way. */
    private final Launch launch;

    private ServiceStack(Launch launch) {
        this.launch = launch;
    }

    private record Launch(Path repo, String kafkaBootstrapServers, String openSearchUrl, Function<String, Path> logFiles,
                          List<String> extraArguments, Map<String, List<String>> serviceArguments) {
    }

    /**
     * The default ports of a local installation: query 8080, ingest 8081, embed 8082, index 8083; the actuator of
     * query on 8180 and of ingest on 8181 (as their application.yml say).
     */
    public static List<Service> standardPorts() {
        return List.of(new Service(INGEST, 8081, 8181, "512m", C1_ONLY), new Service(EMBED, 8082, 8082, "768m", C1_ONLY),
                new Service(INDEX, 8083, 8083, "512m", C1_ONLY), new Service(QUERY, 8080, 8180, "768m", List.of()));
    }

    /** The same services on free ports, for tests and benchmarks that must not collide with a running installation. */
    public static List<Service> freePorts() {
        return freePorts(Map.of());
    }

    /**
     * The services on free ports, {@code instances} of each named there (one of the others), each instance on ports
     * of its own: e.g. {@code Map.of(EMBED, 2)} for two embed-services in one consumer group.
     */
    public static List<Service> freePorts(Map<String, Integer> instances) {
        Set<Integer> taken = new HashSet<>();
        List<Service> services = new ArrayList<>();
        for (Service standard : standardPorts()) {
            for (int i = 1; i <= instances.getOrDefault(standard.name(), 1); i++) {
                services.add(standard.another(i, taken));
            }
        }
        return services;
    }

    private static int distinctFreePort(Set<Integer> taken) {
        while (true) {
            int port = EngineProcess.freePort();
            if (taken.add(port)) {
                return port;
            }
        }
    }

    /** {@link #spawn(Path, List, String, String, Function, List, Map, BiConsumer)} without per-service arguments. */
    public static ServiceStack spawn(Path repo, List<Service> services, String kafkaBootstrapServers, String openSearchUrl,
                                     Function<String, Path> logFiles, List<String> extraArguments,
                                     BiConsumer<Service, Long> started) {
        return spawn(repo, services, kafkaBootstrapServers, openSearchUrl, logFiles, extraArguments, Map.of(), started);
    }

    /**
     * Spawns every service (without waiting for them).
     *
     * @param repo             the checkout: each jar is {@code <repo>/<service>/target/<service>-exec.jar}
     * @param logFiles         where each instance's output goes, by {@link Service#instanceName()} (the service's name
     *                         when it runs once)
     * @param extraArguments   more Spring arguments for every service, e.g. {@code --freshet.kafka.partitions=6}
     * @param serviceArguments more Spring arguments for some services, by service name (after the extra ones), e.g.
     *                         {@link #tokenArguments(LocalTokenIssuer)}
     * @param started          told each service and its pid as it is spawned
     */
    public static ServiceStack spawn(Path repo, List<Service> services, String kafkaBootstrapServers, String openSearchUrl,
                                     Function<String, Path> logFiles, List<String> extraArguments,
                                     Map<String, List<String>> serviceArguments, BiConsumer<Service, Long> started) {
        ServiceStack stack = new ServiceStack(new Launch(repo, kafkaBootstrapServers, openSearchUrl, logFiles,
                List.copyOf(extraArguments), Map.copyOf(serviceArguments)));
        try {
            for (Service service : services) {
                stack.launch(service, List.of(), started);
            }
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void launch(Service service, List<String> arguments, BiConsumer<Service, Long> started) {
        List<String> command = new ArrayList<>(command(launch.repo(), service, launch.kafkaBootstrapServers(),
                launch.openSearchUrl(), launch.extraArguments(), launch.serviceArguments()));
        command.addAll(arguments);
        ChildProcess child = new ChildProcess(service.instanceName(), command, launch.logFiles().apply(service.instanceName()),
                // OMP_THREAD_LIMIT: Tesseract's OpenMP threads fight over two cores and slow OCR about 5x
                Map.of("OPT_OUT_TRACKING", "true", "OMP_THREAD_LIMIT", "1"), STOP_GRACE, true);
        synchronized (processes) {
            processes.put(service, child);
        }
        child.spawn();
        started.accept(service, child.pid());
    }

    /**
     * Spawns one more instance of a service this stack runs (without waiting: {@link #awaitHealthy}), on free ports,
     * with the same command as the first plus {@code arguments}. It joins the service's consumer groups.
     */
    public Service addInstance(String name, List<String> arguments, BiConsumer<Service, Long> started) {
        Service added;
        synchronized (processes) {
            Set<Integer> taken = new HashSet<>();
            processes.keySet().forEach(s -> taken.addAll(List.of(s.port(), s.managementPort())));
            int number = instances(name).stream().mapToInt(Service::instance).max().orElse(0) + 1;
            added = service(name).another(number, taken);
        }
        launch(added, arguments, started);
        return added;
    }

    /** The command line of one service: this JVM's java, the service's jar and its Spring arguments. */
    static List<String> command(Path repo, Service service, String kafkaBootstrapServers, String openSearchUrl,
                                List<String> extraArguments, Map<String, List<String>> serviceArguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + service.heap(), "-XX:+UseSerialGC"));
        command.addAll(service.jvmOptions());
        command.addAll(List.of("-DOPT_OUT_TRACKING=true", "-jar", jarOf(repo, service).toString(),
                "--server.port=" + service.port(),
                "--management.server.port=" + service.managementPort(),
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers,
                "--freshet.opensearch.url=" + openSearchUrl));
        command.addAll(extraArguments);
        command.addAll(serviceArguments.getOrDefault(service.name(), List.of()));
        return command;
    }

    /**
     * The Spring arguments that make query-service and ingest-service trust {@code issuer}: each validates bearer
     * tokens against its JWKS, with its own audience (people's tokens for queries, connectors' for the intake).
     * The jwk-set-uri spares the services a discovery call at start, so they start even before it answers.
     */
    /**
     * index-service's operator endpoints on its (loopback) port: the model change behind {@code ./freshet models} and
     * {@code ./freshet reindex}. Production exposes them only where operators reach (docs/operations.md).
     */
    public static Map<String, List<String>> operatorArguments() {
        return Map.of(INDEX, List.of("--management.endpoints.web.exposure.include=health,prometheus,models"));
    }

    public static Map<String, List<String>> tokenArguments(LocalTokenIssuer issuer) {
        return Map.of(QUERY, resourceServer(issuer, LocalTokenIssuer.QUERY_AUDIENCE),
                INGEST, resourceServer(issuer, LocalTokenIssuer.INTAKE_AUDIENCE));
    }

    private static List<String> resourceServer(LocalTokenIssuer issuer, String audience) {
        String prefix = "--spring.security.oauth2.resourceserver.jwt.";
        return List.of(prefix + "issuer-uri=" + issuer.issuer(), prefix + "jwk-set-uri=" + issuer.jwkSetUri(),
                prefix + "audiences=" + audience);
    }

    public static Path jarOf(Path repo, Service service) {
        return repo.resolve(service.name()).resolve("target").resolve(service.name() + "-exec.jar");
    }

    /** Waits until every service's /actuator/health is UP; on a timeout or an exit, the exception holds its log tail. */
    public void awaitHealthy(Duration timeout, Consumer<String> progress) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextProgress = start + Duration.ofSeconds(5).toNanos();
        List<Service> waiting;
        synchronized (processes) {
            waiting = new ArrayList<>(processes.keySet());
        }
        while (!waiting.isEmpty()) {
            for (Service service : List.copyOf(waiting)) {
                ChildProcess child = child(service);
                if (!child.isRunning()) {
                    throw child.failure(service.instanceName() + " exited while starting");
                }
                // DEGRADED: the service serves, a stage behind it is not there yet (PipelineHealthIndicator).
                if (healthStatus(service).filter(status -> status.equals("UP") || status.equals("DEGRADED")).isPresent()) {
                    waiting.remove(service);
                    progress.accept(String.format("  %-14s UP at %s (%.1f s)", service.instanceName(), service.url(),
                            (System.nanoTime() - start) / 1e9));
                }
            }
            if (waiting.isEmpty()) {
                break;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                Service first = waiting.get(0);
                String health = healthStatus(first).map(s -> "its health is " + s).orElse("it does not answer");
                throw child(first).failure(first.instanceName() + " was not UP within " + timeout.toSeconds()
                        + " s (" + health + "; also waiting for " + waiting.stream().map(Service::instanceName).toList() + ")");
            }
            if (now > nextProgress) {
                progress.accept(String.format("  ... %.0f s, waiting for %s", (now - start) / 1e9,
                        String.join(", ", waiting.stream().map(s -> s.instanceName() + healthStatus(s).map(h -> " (" + h + ")").orElse("")).toList())));
                nextProgress = now + Duration.ofSeconds(5).toNanos();
            }
            ChildProcess.sleep(Duration.ofMillis(500));
        }
    }

    /** The overall status from /actuator/health, or empty if the service does not answer yet. */
    public Optional<String> healthStatus(Service service) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return Optional.of(HealthDocument.overallStatus(response.body()).orElse("HTTP " + response.statusCode()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The first instance of the service. */
    public Service service(String name) {
        return instances(name).stream().findFirst().orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** Every instance of the service this stack runs, the first first. */
    public List<Service> instances(String name) {
        synchronized (processes) {
            return processes.keySet().stream().filter(s -> s.name().equals(name)).toList();
        }
    }

    public URI url(String name) {
        return URI.create(service(name).url());
    }

    /** Where the service's actuator answers (health, prometheus). */
    public URI managementUrl(String name) {
        return URI.create(service(name).managementUrl());
    }

    public long pid(String name) {
        return pid(service(name));
    }

    public long pid(Service instance) {
        return child(instance).pid();
    }

    public boolean isRunning(String name) {
        return isRunning(service(name));
    }

    public boolean isRunning(Service instance) {
        return child(instance).isRunning();
    }

    /** Where the instance's output goes. */
    public Path logFile(Service instance) {
        return child(instance).logFile();
    }

    /** Kills the first instance of a service hard (SIGKILL), as a crash would: for fault tests. */
    public void kill(String name) {
        kill(service(name));
    }

    /**
     * Kills one instance hard: SIGKILL to its JVM (its own pid, not a wrapper's), as a crash would end it.
     *
     * @return its exit code (137, i.e. 128 + SIGKILL), or -1 if it was not running
     */
    public int kill(Service instance) {
        return child(instance).kill();
    }

    /** Starts a stopped or killed service again, with the same command and port. */
    public void restart(String name) {
        child(service(name)).spawn();
    }

    /** Stops an instance if it still runs (SIGTERM, then SIGKILL) and forgets it: the stack is healthy without it. */
    public void remove(Service instance) {
        ChildProcess child;
        synchronized (processes) {
            child = processes.remove(instance);
        }
        if (child != null) {
            child.stop();
        }
    }

    private ChildProcess child(Service instance) {
        synchronized (processes) {
            ChildProcess child = processes.get(instance);
            if (child == null) {
                throw new IllegalArgumentException("this stack does not run " + instance.instanceName());
            }
            return child;
        }
    }

    /** The services' processes, for {@link ProcessSupervisor} to watch. */
    List<ChildProcess> children() {
        synchronized (processes) {
            return List.copyOf(processes.values());
        }
    }

    public boolean anyRunning() {
        synchronized (processes) {
            return processes.values().stream().anyMatch(ChildProcess::isRunning);
        }
    }

    /** Stops all services in parallel: SIGTERM, then SIGKILL after a grace period. */
    @Override
    public void close() {
        List<ChildProcess> running;
        synchronized (processes) {
            running = processes.values().stream().filter(ChildProcess::isRunning).toList();
        }
        ChildProcess.inParallel(running.stream().<Runnable>map(child -> child::stop).toList());
    }
}
