package io.freshet.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import io.freshet.infra.ServiceStack.Service;
import java.util.regex.Pattern;

/**
 * {@code ./freshet up}: runs the whole system on this machine — Kafka and OpenSearch + k-NN as processes, the four
 * services from their jars — publishes a directory of documents, waits until they are searchable, and keeps
 * everything running until Ctrl-C, which stops the services first and the engines last.
 *
 * <p>Arguments: {@code --repo DIR} (the checkout; default the working directory), {@code --docs DIR} (default
 * {@code <repo>/samples}), {@code --service-timeout SECONDS} (default 240), {@code --settle-timeout SECONDS}
 * (how long to wait for the documents, default 60). System property {@code freshet.up.startedAtMillis}: when the
 * user ran the command (the script sets it, so the reported ready time includes any build).
 */
public final class FreshetUp {

    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int OPENSEARCH_HTTP_PORT = 9200;
    static final int OPENSEARCH_TRANSPORT_PORT = 9300;
    static final String KAFKA = "127.0.0.1:" + KAFKA_PORT;
    static final String OPENSEARCH = "http://127.0.0.1:" + OPENSEARCH_HTTP_PORT;
    static final String INGEST = "http://127.0.0.1:8081";
    static final String QUERY = "http://127.0.0.1:8080";

    private static final Duration ENGINE_START_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    private static final Pattern REASON = Pattern.compile("\"reason\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TITLE = Pattern.compile("\"title\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern SOME_HIT = Pattern.compile("\"hits\"\\s*:\\s*\\[\\s*\\{");

    private final Path repo;
    private final Path docs;
    private final Path work;
    private final Path logs;
    private final Path pidFile;
    private final Duration serviceTimeout;
    private final Duration settleTimeout;
    private final long startedAtMillis;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<EngineProcess> engines = new CopyOnWriteArrayList<>();
    private final List<Service> services = ServiceStack.standardPorts();
    private volatile ServiceStack stack;
    private volatile boolean stopping;
    private volatile boolean pidFileWritten;

    private FreshetUp(Path repo, Path docs, Duration serviceTimeout, Duration settleTimeout, long startedAtMillis) {
        this.repo = repo;
        this.docs = docs;
        this.work = repo.resolve("work");
        this.logs = work.resolve("logs");
        this.pidFile = work.resolve("freshet.pids");
        this.serviceTimeout = serviceTimeout;
        this.settleTimeout = settleTimeout;
        this.startedAtMillis = startedAtMillis;
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = parse(args);
        Path repo = Path.of(options.getOrDefault("--repo", System.getProperty("user.dir"))).toAbsolutePath().normalize();
        Path docs = Path.of(options.getOrDefault("--docs", repo.resolve("samples").toString())).toAbsolutePath().normalize();
        long startedAt = Long.getLong("freshet.up.startedAtMillis",
                ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis()));
        FreshetUp up = new FreshetUp(repo, docs,
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("--service-timeout", "240"))),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("--settle-timeout", "60"))), startedAt);
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

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!List.of("--repo", "--docs", "--service-timeout", "--settle-timeout").contains(name)
                    || i + 1 >= args.length) {
                System.err.println("Unknown or incomplete option: " + name
                        + "\nUsage: freshet up [--docs DIR] [--service-timeout SECONDS] [--settle-timeout SECONDS]");
                System.exit(2);
            }
            options.put(name, args[++i]);
        }
        return options;
    }

    private void run() {
        say("Freshet up — checkout " + repo);
        refuseIfAlreadyRunning();
        requirePortsFree();
        List<Path> jars = services.stream().map(s -> ServiceStack.jarOf(repo, s)).toList();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("Missing " + jar + "; build it: mvn -B -q install -DskipTests");
            }
        }
        createDirectories(logs);
        recordPid("freshet-up", ProcessHandle.current().pid());

        long enginesStart = System.nanoTime();
        startEngines();
        double enginesSeconds = secondsSince(enginesStart);

        long servicesStart = System.nanoTime();
        startServices();
        double servicesSeconds = secondsSince(servicesStart);

        long documentsStart = System.nanoTime();
        List<DirectoryPublisher.Published> published = publishDocuments();
        if (!published.isEmpty()) {
            awaitDocuments(published);
        }
        double documentsSeconds = secondsSince(documentsStart);

        watchForUnexpectedExits();
        printReady(enginesSeconds, servicesSeconds, documentsSeconds, published);
    }

    // ---- engines ----------------------------------------------------------------------------------------------

    private void startEngines() {
        String heapKafka = System.getProperty("freshet.engines.kafka.heap", "512m");
        String heapOpenSearch = System.getProperty("freshet.engines.opensearch.heap", "512m");
        EngineProcess kafka = EngineProcess.kafka(work.resolve("kafka"), rotated("kafka"), KAFKA_PORT,
                KAFKA_CONTROLLER_PORT, heapKafka, true, false);
        EngineProcess openSearch = EngineProcess.openSearch(work.resolve("opensearch"), rotated("opensearch"),
                OPENSEARCH_HTTP_PORT, OPENSEARCH_TRANSPORT_PORT, heapOpenSearch, true, false);
        engines.add(kafka);
        engines.add(openSearch);
        say("Starting Kafka (" + KAFKA + ") and OpenSearch (" + OPENSEARCH + ") ...");
        // In parallel: each spends most of its start in its own JVM.
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        List<Thread> starters = new ArrayList<>();
        for (EngineProcess engine : List.of(kafka, openSearch)) {
            Thread starter = new Thread(() -> {
                long start = System.nanoTime();
                try {
                    engine.start(ENGINE_START_TIMEOUT);
                    recordPid(engine.name(), engine.pid());
                    say(String.format("  %-14s ready at %s (%.1f s)", engine.name(), engine.address(), secondsSince(start)));
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "freshet-start-" + engine.name());
            starter.start();
            starters.add(starter);
        }
        for (Thread starter : starters) {
            join(starter);
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    // ---- services ---------------------------------------------------------------------------------------------

    private void startServices() {
        stack = ServiceStack.spawn(repo, services, KAFKA, OPENSEARCH, this::rotated, List.of(),
                (service, pid) -> recordPid(service.name(), pid));
        say("Starting " + String.join(", ", services.stream().map(Service::name).toList())
                + " (waiting for /actuator/health UP, up to " + serviceTimeout.toSeconds() + " s) ...");
        stack.awaitHealthy(serviceTimeout, FreshetUp::say);
    }

    // ---- documents --------------------------------------------------------------------------------------------

    private List<DirectoryPublisher.Published> publishDocuments() {
        if (!Files.isDirectory(docs)) {
            say("No documents published: " + docs + " is not a directory (use --docs DIR).");
            return List.of();
        }
        say("Publishing the files of " + docs + " to " + INGEST + "/v1/documents ...");
        List<DirectoryPublisher.Published> results = new DirectoryPublisher(INGEST).publishAll(docs);
        List<DirectoryPublisher.Published> accepted = new ArrayList<>();
        for (DirectoryPublisher.Published result : results) {
            if (result.accepted()) {
                accepted.add(result);
            } else {
                say("  NOT accepted: " + result.id() + " — " + result.problem());
            }
        }
        say("  " + accepted.size() + " of " + results.size() + " files accepted (202)");
        return accepted;
    }

    /**
     * Waits until every published document has left PENDING, per query-service's GET /v1/documents/{id}. If
     * that endpoint never answers 200 (early versions), waits instead until a search returns a hit.
     */
    private void awaitDocuments(List<DirectoryPublisher.Published> documents) {
        List<String> ids = documents.stream().map(DirectoryPublisher.Published::id).toList();
        Map<String, Long> versions = new LinkedHashMap<>();
        documents.forEach(d -> versions.put(d.id(), d.version()));
        say("Waiting up to " + settleTimeout.toSeconds() + " s for the documents to be processed ...");
        long start = System.nanoTime();
        long deadline = start + settleTimeout.toNanos();
        long nextProgress = start + Duration.ofSeconds(5).toNanos();
        Map<String, String> settled = new TreeMap<>();
        Map<String, String> reasons = new TreeMap<>();
        boolean statusEndpointSeen = false;
        while (true) {
            for (String id : ids) {
                if (settled.containsKey(id)) {
                    continue;
                }
                HttpResponse<String> response = get(QUERY + "/v1/documents/" + DirectoryPublisher.pathSegment(id));
                if (response != null && response.statusCode() == 200) {
                    statusEndpointSeen = true;
                    Matcher state = STATE.matcher(response.body());
                    Matcher version = VERSION.matcher(response.body());
                    // An older version's state (from a previous run's data) does not count.
                    boolean current = !version.find() || Long.parseLong(version.group(1)) >= versions.get(id);
                    if (current && state.find() && !"PENDING".equals(state.group(1))) {
                        settled.put(id, state.group(1));
                        Matcher reason = REASON.matcher(response.body());
                        if (reason.find()) {
                            reasons.put(id, reason.group(1));
                        }
                    }
                }
            }
            if (settled.size() == ids.size()) {
                break;
            }
            if (!statusEndpointSeen && searchHasHits()) {
                say(String.format("  search answers with hits after %.1f s (GET /v1/documents/{id} gave no status, "
                        + "so per-document states are unknown)", secondsSince(start)));
                return;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                say("  gave up waiting: " + (ids.size() - settled.size()) + " of " + ids.size()
                        + " documents still pending after " + settleTimeout.toSeconds() + " s");
                break;
            }
            if (now > nextProgress) {
                say(String.format("  ... %.0f s, %d of %d documents processed", secondsSince(start), settled.size(), ids.size()));
                nextProgress = now + Duration.ofSeconds(5).toNanos();
            }
            ChildProcess.sleep(Duration.ofMillis(500));
        }
        Map<String, Integer> counts = new TreeMap<>();
        settled.values().forEach(state -> counts.merge(state, 1, Integer::sum));
        say(String.format("  documents after %.1f s: %s", secondsSince(start), counts));
        settled.forEach((id, state) -> {
            if (!"INDEXED".equals(state)) {
                say("    " + state + " " + id + (reasons.containsKey(id) ? " — " + reasons.get(id) : ""));
            }
        });
        for (String id : ids) {
            if (!settled.containsKey(id)) {
                say("    PENDING " + id);
            }
        }
    }

    private boolean searchHasHits() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(QUERY + "/v1/search"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"document\", \"topK\": 1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && SOME_HIT.matcher(response.body()).find();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    // ---- running and stopping ---------------------------------------------------------------------------------

    private void watchForUnexpectedExits() {
        stack.warnOnUnexpectedExit(warning -> System.err.println("[freshet] WARNING: " + warning));
    }

    private void printReady(double engines, double services, double documents,
                            List<DirectoryPublisher.Published> published) {
        double total = (System.currentTimeMillis() - startedAtMillis) / 1000.0;
        String question = exampleQuestion();
        say("");
        say(String.format("Freshet is ready in %.1f s (engines %.1f s, services %.1f s, documents %.1f s)",
                total, engines, services, documents));
        say("  Search    POST " + QUERY + "/v1/search    {\"query\": \"...\", \"topK\": 5}");
        say("  Answer    POST " + QUERY + "/v1/answer    {\"question\": \"...\", \"topK\": 5}");
        say("  Status    GET  " + QUERY + "/v1/documents/{id}");
        say("  Ingest    POST " + INGEST + "/v1/documents  (a DocumentChange, see docs/events.md)");
        for (Service service : this.services) {
            say(String.format("  %-14s %s/actuator/health  %s/actuator/prometheus", service.name(), service.url(), service.url()));
        }
        say("  Engines   Kafka " + KAFKA + ", OpenSearch " + OPENSEARCH);
        say("  Logs      " + logs);
        say("");
        say("Try:");
        say("  curl -s " + QUERY + "/v1/answer -H 'Content-Type: application/json' \\");
        say("       -d '{\"question\": " + DirectoryPublisher.json(question).replace("'", "'\\''") + ", \"topK\": 5}'");
        say("");
        say("Press Ctrl-C to stop.");
    }

    /** A question the published documents can answer: about the title of whatever a search finds first. */
    private String exampleQuestion() {
        if (docs.toAbsolutePath().normalize().equals(repo.resolve("samples").toAbsolutePath().normalize())) {
            return "What is the maximum hotel rate in London?"; // answered by samples/policies (docs/samples.md)
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(QUERY + "/v1/search"))
                            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"document\", \"topK\": 1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher title = TITLE.matcher(response.body());
            if (response.statusCode() == 200 && title.find() && !title.group(1).isBlank()) {
                String text = title.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
                return "What is " + (text.length() > 60 ? text.substring(0, 60).strip() : text) + "?";
            }
        } catch (IOException e) {
            // fall through to the generic question
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "What are these documents about?";
    }

    /** Services first (they flush and commit while the engines are still there), then the engines. */
    private void stopAll() {
        stopping = true;
        ServiceStack running = stack;
        boolean anything = (running != null && running.anyRunning()) || engines.stream().anyMatch(EngineProcess::isRunning);
        if (anything) {
            System.out.println();
            System.out.println("Stopping Freshet ...");
        }
        if (running != null) {
            running.close();
        }
        inParallel(engines.stream().<Runnable>map(engine -> engine::stop).toList());
        try {
            if (pidFileWritten) { // not another run's, which refuseIfAlreadyRunning() found alive
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException e) {
            // stale pid files are detected and ignored at the next start
        }
        if (anything) {
            System.out.println("Freshet stopped.");
        }
    }

    private static void inParallel(List<Runnable> tasks) {
        List<Thread> threads = tasks.stream().map(Thread::new).toList();
        threads.forEach(Thread::start);
        threads.forEach(FreshetUp::join);
    }

    // ---- checks and files -------------------------------------------------------------------------------------

    private void refuseIfAlreadyRunning() {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> alive = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(pidFile, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split("\\s+", 2);
                if (parts.length == 2 && ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive).orElse(false)) {
                    alive.add(parts[1] + " (pid " + parts[0] + ")");
                }
            }
            if (alive.isEmpty()) {
                Files.delete(pidFile); // left by a run that was killed; nothing of it survives
                return;
            }
        } catch (IOException | NumberFormatException e) {
            return;
        }
        throw new IllegalStateException("Freshet already seems to run from " + work + ": " + String.join(", ", alive)
                + ". Stop it with Ctrl-C in its terminal, or `./freshet down`.");
    }

    private void requirePortsFree() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(KAFKA_PORT, "Kafka");
        ports.put(KAFKA_CONTROLLER_PORT, "Kafka controller");
        ports.put(OPENSEARCH_HTTP_PORT, "OpenSearch HTTP");
        ports.put(OPENSEARCH_TRANSPORT_PORT, "OpenSearch transport");
        services.forEach(s -> ports.put(s.port(), s.name()));
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

    /** This run's log file of a component; the previous run's is kept as .log.1. */
    private Path rotated(String component) {
        Path log = logs.resolve(component + ".log");
        try {
            if (Files.exists(log)) {
                Files.move(log, logs.resolve(component + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rotate " + log, e);
        }
        return log;
    }

    private synchronized void recordPid(String component, long pid) {
        try {
            Files.writeString(pidFile, pid + " " + component + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            pidFileWritten = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + pidFile, e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
