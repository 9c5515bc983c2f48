package io.freshet.infra;

import io.freshet.infra.ServiceStack.Service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./freshet up}: runs the whole system on this machine — Kafka and OpenSearch + k-NN as processes, the four
 * services from their jars — publishes a directory of documents, waits until they are searchable, and keeps
 * everything running until Ctrl-C, which stops the services first and the engines last. A service that dies meanwhile
 * is started again ({@link ProcessSupervisor}, {@link RestartBackoff}: 1 s doubling to 60 s), each time saying with
 * which exit code and the last lines of its log.
 *
 * <p>Arguments: see {@link UpOptions}. System property {@code freshet.up.startedAtMillis}: when the user ran the
 * command (the script sets it, so the reported ready time includes any build).
 *
 * <p>Before the services it starts the local token issuer ({@link LocalTokenIssuer}, 127.0.0.1:{@value #ISSUER_PORT},
 * keys under {@code work/issuer/}, kept across runs so {@code ./freshet token} can mint for it): query-service and
 * ingest-service trust it, and the launcher's own calls carry tokens it mints in-process. The issuer lives in this
 * JVM, so stopping the launcher (Ctrl-C, {@code ./freshet down}) stops it; it has no pid of its own to record.
 *
 * <p>The launcher runs with the engines jar and Jackson ({@code target/launcher-lib}); the parts that read JSON
 * ({@link QueryResponses}) must stay out of the classes the services' tests use (EngineFixture, ServiceStack).
 */
public final class FreshetUp {

    /** The local token issuer's port; {@code ./freshet token} mints for the issuer URL on it. */
    static final int ISSUER_PORT = 8089;
    static final String ISSUER = "http://127.0.0.1:" + ISSUER_PORT;
    /** Who the launcher is when it searches, and the connector it publishes {@code --docs} as. */
    static final String LAUNCHER_USER = "freshet-up";

    private final UpOptions options;
    private final long startedAtMillis;
    private final RunFiles files;
    private final LocalEngines engines;
    private final List<Service> services = ServiceStack.standardPorts();
    private volatile LocalTokenIssuer tokens;
    private volatile RenewingToken userToken;
    private final QueryClient query = new QueryClient(() -> userToken.get());
    private volatile ServiceStack stack;
    private volatile ProcessSupervisor supervisor;

    private FreshetUp(UpOptions options, long startedAtMillis) {
        this.options = options;
        this.startedAtMillis = startedAtMillis;
        this.files = new RunFiles(options.repo());
        this.engines = new LocalEngines(files);
    }

    public static void main(String[] args) throws InterruptedException {
        UpOptions options;
        try {
            options = UpOptions.parse(List.of(args), Path.of(System.getProperty("user.dir")));
        } catch (UpOptions.UsageException e) {
            System.err.println(e.getMessage() + "\n" + UpOptions.USAGE);
            System.exit(2);
            return;
        }
        long startedAt = Long.getLong("freshet.up.startedAtMillis",
                ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis()));
        FreshetUp up = new FreshetUp(options, startedAt);
        Runtime.getRuntime().addShutdownHook(new Thread(up::stopAll, "freshet-stop"));
        try {
            up.run();
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("freshet up FAILED: " + e.getMessage());
            System.exit(1); // the shutdown hook stops whatever was started
        }
        new CountDownLatch(1).await(); // until Ctrl-C
    }

    private void run() {
        Console.say("Freshet up — checkout " + options.repo());
        files.refuseIfAlreadyRunning();
        requirePortsFree();
        for (Service service : services) {
            Path jar = ServiceStack.jarOf(options.repo(), service);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("Missing " + jar + "; build it: ./mvnw -B -q install -DskipTests");
            }
        }
        files.createLogDirectory();
        files.recordPid("freshet-up", ProcessHandle.current().pid());
        startTokenIssuer();

        long enginesStart = System.nanoTime();
        engines.start();
        double enginesSeconds = Console.secondsSince(enginesStart);

        long servicesStart = System.nanoTime();
        startServices();
        superviseServices();
        double servicesSeconds = Console.secondsSince(servicesStart);

        long documentsStart = System.nanoTime();
        List<DirectoryPublisher.Published> published = SamplePublishing.publish(options.docs(),
                RenewingToken.connector(tokens, LAUNCHER_USER, List.of(DirectoryPublisher.SOURCE)));
        if (!published.isEmpty()) {
            new SettleWait(query, options.settleTimeout()).await(published);
        }
        double documentsSeconds = Console.secondsSince(documentsStart);

        // The total is taken before the example search, as the user's wait ends here.
        ReadySummary summary = new ReadySummary((System.currentTimeMillis() - startedAtMillis) / 1000.0,
                enginesSeconds, servicesSeconds, documentsSeconds, services, files.logs());
        String question = options.publishesSamples() ? ReadySummary.SAMPLES_QUESTION
                : ReadySummary.questionAbout(query.searchOneHit().flatMap(QueryResponses::firstHitTitle));
        summary.lines(question).forEach(Console::say);
    }

    private void startTokenIssuer() {
        tokens = LocalTokenIssuer.start(files.issuerKeys(), ISSUER_PORT);
        userToken = RenewingToken.user(tokens, LAUNCHER_USER, List.of());
        Console.say("Token issuer at " + tokens.issuer() + " (keys in " + files.issuerKeys() + ")");
    }

    private void startServices() {
        // The local run lets a newcomer browse the API's description (Swagger UI) without a token.
        Map<String, List<String>> arguments = new HashMap<>(ServiceStack.tokenArguments(tokens));
        arguments.putAll(ServiceStack.operatorArguments());
        arguments.merge(ServiceStack.QUERY, List.of("--freshet.api.public-api-docs=true"),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
        stack = ServiceStack.spawn(options.repo(), services, LocalEngines.KAFKA, LocalEngines.OPENSEARCH,
                files::rotated, List.of(), arguments,
                (service, pid) -> files.recordPid(service.name(), pid));
        Console.say("Starting " + String.join(", ", services.stream().map(Service::name).toList())
                + " (waiting for /actuator/health UP, up to " + options.serviceTimeout().toSeconds() + " s) ...");
        stack.awaitHealthy(options.serviceTimeout(), Console::say);
    }

    /** From here on a service that dies is started again (the launcher said so, and did nothing, before). */
    private void superviseServices() {
        ProcessSupervisor watching = new ProcessSupervisor(RestartBackoff::standard,
                new RestartAnnouncer(line -> {
                    System.err.println(line);
                    System.err.flush();
                }, files::replacePid), Clock.systemUTC());
        supervisor = watching;
        stack.children().forEach(watching::watch);
    }

    private void requirePortsFree() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(LocalEngines.KAFKA_PORT, "Kafka");
        ports.put(LocalEngines.KAFKA_CONTROLLER_PORT, "Kafka controller");
        ports.put(LocalEngines.OPENSEARCH_HTTP_PORT, "OpenSearch HTTP");
        ports.put(LocalEngines.OPENSEARCH_TRANSPORT_PORT, "OpenSearch transport");
        services.forEach(s -> {
            ports.put(s.port(), s.name());
            if (s.managementPort() != s.port()) {
                ports.put(s.managementPort(), s.name() + " actuator");
            }
        });
        ports.put(ISSUER_PORT, "token issuer");
        List<String> problems = new ArrayList<>();
        ports.forEach((port, what) -> {
            try {
                EngineProcess.requirePortFree(port, what);
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("\n  ", problems));
        }
    }

    /**
     * Services first (they flush and commit while the engines are still there), then the engines. The supervisor is
     * closed before anything stops, so no stop is mistaken for a crash.
     */
    private void stopAll() {
        ProcessSupervisor watching = supervisor;
        if (watching != null) {
            watching.close();
        }
        ServiceStack running = stack;
        boolean anything = (running != null && running.anyRunning()) || engines.anyRunning();
        if (anything) {
            System.out.println();
            System.out.println("Stopping Freshet ...");
        }
        if (running != null) {
            running.close();
        }
        engines.stop();
        LocalTokenIssuer issuer = tokens;
        if (issuer != null) {
            issuer.close();
        }
        files.forgetPids();
        if (anything) {
            System.out.println("Freshet stopped.");
        }
    }
}
