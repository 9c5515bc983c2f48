package io.freshet.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code ./freshet status}: whether each part of a running {@code ./freshet up} answers (the engines, the token issuer,
 * each service's /actuator/health), each stage's consumer lag, documents by state and dead letters per topic. Exit
 * code 0 when every component is UP, 1 when one is not, 2 for wrong arguments.
 */
public final class StatusCommand {

    static final String USAGE = "Usage: freshet status [--bootstrap-server HOST:PORT] [--opensearch URL]\n"
            + "Defaults: the engines of ./freshet up (" + BrokerClients.LOCAL + ", " + LocalEngines.OPENSEARCH + ").";
    /** The status index and chunk index (freshet.opensearch.status-index / chunk-index defaults). */
    static final String STATUS_INDEX = "freshet-documents";
    static final String CHUNK_INDEX = "freshet-chunks";
    /** The status index's field for a document's state (StatusIndex.STATE in freshet-contract). */
    static final String STATE_FIELD = "state";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String openSearch;
    private final BrokerClients clients;

    private StatusCommand(String bootstrapServers, String openSearch) {
        this.openSearch = openSearch;
        this.clients = new BrokerClients(bootstrapServers, TIMEOUT);
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), Path.of(System.getProperty("user.dir")), System.out, System.err));
    }

    static int run(List<String> args, Path workingDirectory, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        CommandArguments parsed;
        try {
            parsed = CommandArguments.parse(args, Set.of("--bootstrap-server", "--opensearch"), Set.of(), workingDirectory);
            if (!parsed.words().isEmpty()) {
                throw new CommandArguments.UsageException("status takes no words, not " + parsed.words());
            }
        } catch (CommandArguments.UsageException e) {
            err.println("freshet status: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        StatusCommand command = new StatusCommand(parsed.option("--bootstrap-server", BrokerClients.LOCAL),
                parsed.option("--opensearch", LocalEngines.OPENSEARCH));
        StatusReport report = command.report(parsed.repo());
        report.lines().forEach(out::println);
        return report.exitCode();
    }

    StatusReport report(Path repo) {
        // Asked side by side: a component that is down costs its timeout once, not once per question.
        CompletableFuture<String> openSearchHealth = CompletableFuture.supplyAsync(this::openSearchHealth);
        CompletableFuture<StatusReport.Documents> documents = CompletableFuture.supplyAsync(this::documents);
        CompletableFuture<StatusReport.Component> issuer = CompletableFuture.supplyAsync(() -> new StatusReport.Component(
                "token issuer", get(FreshetUp.ISSUER + "/.well-known/openid-configuration").code() == 200, FreshetUp.ISSUER));
        List<CompletableFuture<StatusReport.Component>> services = ServiceStack.standardPorts().stream()
                .map(service -> CompletableFuture.supplyAsync(() -> service(service))).toList();

        List<StatusReport.Component> components = new ArrayList<>();
        List<ConsumerLag.Lag> lags = null;
        Map<String, Long> deadLetters = null;
        String kafkaProblem;
        try (Admin admin = clients.admin()) {
            int brokers = ConsumerLag.get(admin.describeCluster().nodes(), TIMEOUT).size();
            components.add(new StatusReport.Component("kafka", true, clients.bootstrapServers() + " (" + brokers
                    + (brokers == 1 ? " broker)" : " brokers)")));
            kafkaProblem = null;
            lags = ConsumerLag.measure(admin, TIMEOUT);
            deadLetters = new LinkedHashMap<>();
            for (Map.Entry<String, List<DeadLetters.Span>> topic : new DeadLetters(clients, admin).spans().entrySet()) {
                deadLetters.put(topic.getKey(), DeadLetters.records(topic.getValue()));
            }
        } catch (TimeoutException | ExecutionException e) {
            kafkaProblem = clients.problem(e);
            if (components.isEmpty()) {
                components.add(new StatusReport.Component("kafka", false, kafkaProblem));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        String health = openSearchHealth.join();
        boolean openSearchUp = health.equals("green") || health.equals("yellow");
        components.add(new StatusReport.Component("opensearch", openSearchUp, openSearch + " ("
                + (health.startsWith("no answer") ? health : "cluster " + health) + ")"));
        components.add(issuer.join());
        services.forEach(service -> components.add(service.join()));
        StatusReport.Documents counted = documents.join();
        return new StatusReport(repo.toString(), launcher(repo), components, lags, kafkaProblem, counted,
                counted == null ? (openSearchUp ? "the status index " + STATUS_INDEX + " does not exist yet (nothing "
                        + "indexed)" : "OpenSearch is down") : null, deadLetters, kafkaProblem);
    }

    private StatusReport.Component service(ServiceStack.Service service) {
        Response health = get(service.managementUrl() + "/actuator/health");
        String where = service.url() + (service.managementPort() != service.port()
                ? " (health on :" + service.managementPort() + ")" : "");
        if (health.code() < 0) {
            return new StatusReport.Component(service.name(), false, where + ": no answer from /actuator/health");
        }
        String status = HealthDocument.overallStatus(health.body()).orElse("HTTP " + health.code());
        // DEGRADED: the service itself works; a stage behind it is down or behind, which the stages table shows.
        boolean serving = status.equals("UP") || status.equals("DEGRADED");
        return new StatusReport.Component(service.name(), serving, where
                + (status.equals("UP") ? "" : ": health " + status + (serving ? " (a stage behind it is down or behind)" : "")));
    }

    private String openSearchHealth() {
        Response health = get(openSearch + "/_cluster/health");
        if (health.code() < 0) {
            return "no answer";
        }
        try {
            return JSON.readTree(health.body()).path("status").asText("HTTP " + health.code());
        } catch (IOException e) {
            return "HTTP " + health.code();
        }
    }

    /** Documents by state (a terms aggregation on the status index) and the passages in the chunk index. */
    private StatusReport.Documents documents() {
        Response states = post(openSearch + "/" + STATUS_INDEX + "/_search",
                "{\"size\": 0, \"track_total_hits\": true, \"aggs\": {\"states\": {\"terms\": {\"field\": \""
                        + STATE_FIELD + "\", \"size\": 20}}}}");
        if (states.code() != 200) {
            return null;
        }
        try {
            Map<String, Long> byState = new LinkedHashMap<>();
            for (JsonNode bucket : JSON.readTree(states.body()).path("aggregations").path("states").path("buckets")) {
                byState.put(bucket.path("key").asText(), bucket.path("doc_count").asLong());
            }
            Response chunks = get(openSearch + "/" + CHUNK_INDEX + "/_count");
            Long chunkCount = chunks.code() == 200 ? JSON.readTree(chunks.body()).path("count").asLong() : null;
            return new StatusReport.Documents(byState, chunkCount);
        } catch (IOException e) {
            return null;
        }
    }

    /** Which {@code ./freshet up} the pid file names, if it is alive. */
    static String launcher(Path repo) {
        Path pids = new RunFiles(repo).work().resolve("freshet.pids");
        try {
            for (String line : Files.readAllLines(pids, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split("\\s+", 2);
                if (parts.length == 2 && parts[1].equals("freshet-up")
                        && ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive).orElse(false)) {
                    return "./freshet up runs (pid " + parts[0] + ")";
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no pid file: nothing runs from here
        }
        return "no ./freshet up runs from this checkout (start one with ./freshet up)";
    }

    /** A status code of -1: no answer. */
    private record Response(int code, String body) {
    }

    private Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build());
    }

    private Response post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(-1, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "");
        }
    }
}
