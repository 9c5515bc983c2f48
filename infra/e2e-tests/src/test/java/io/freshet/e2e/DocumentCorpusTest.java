package io.freshet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.infra.ServiceStack;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every file of the shared document corpus (real files of many formats, hostile ones included) through the
 * running pipeline: each ends INDEXED with its expected text findable, or REJECTED with a specific reason; no
 * service restarts; ingest's heap stays within its limit.
 */
class DocumentCorpusTest {

    private static final Duration SETTLE = Duration.ofMinutes(8);
    private static final long INGEST_HEAP_LIMIT = 512L * 1024 * 1024; // ServiceStack gives ingest -Xmx512m

    private final Pipeline pipeline = LocalPipeline.shared();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    record Expectation(String file, String outcome, String text) {
    }

    @Test
    void everyFileEndsIndexedWithItsTextOrRejectedWithAReason() throws Exception {
        Path corpus = Path.of(System.getProperty("freshet.root", "../..")).resolve("../shared/data/documents")
                .toAbsolutePath().normalize();
        assertThat(corpus).as("the shared document corpus").isDirectory();
        Map<String, Expectation> expectations = expectations();
        List<Path> files;
        try (Stream<Path> list = Files.list(corpus)) {
            files = list.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("MANIFEST.tsv"))
                    .sorted().toList();
        }
        assertThat(files.stream().map(f -> f.getFileName().toString()))
                .as("every corpus file has an expectation").allMatch(expectations::containsKey);
        boolean ocr = tesseractInstalled();

        ServiceStack services = pipeline.services().stack();
        Map<String, Long> pidsBefore = new LinkedHashMap<>();
        for (String name : List.of(ServiceStack.INGEST, ServiceStack.EMBED, ServiceStack.INDEX, ServiceStack.QUERY)) {
            pidsBefore.put(name, services.pid(name));
        }
        HeapSampler ingestHeap = new HeapSampler(services.managementUrl(ServiceStack.INGEST));
        ingestHeap.start();

        FreshetClient client = pipeline.client();
        Map<String, String> ids = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String id = "corpus-" + run + "/" + name;
            ids.put(name, id);
            ObjectNode change = FreshetClient.JSON.createObjectNode()
                    .put("id", id).put("source", FreshetClient.CORPUS_SOURCE).put("version", 1).put("op", "UPSERT")
                    .put("url", file.toUri().toString()).put("occurredAt", Instant.now().toString());
            change.putObject("content").put("base64", Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
            change.putObject("acl").put("public", true);
            assertThat(client.postDocument(change)).as("intake of %s", name).isEqualTo(202);
        }

        Map<String, JsonNode> outcomes = new LinkedHashMap<>();
        try {
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
                for (var entry : ids.entrySet()) {
                    if (!outcomes.containsKey(entry.getKey())) {
                        JsonNode status = client.status(entry.getValue());
                        if (status != null && Stream.of("INDEXED", "REJECTED").anyMatch(status.path("state").asText()::equals)) {
                            outcomes.put(entry.getKey(), status);
                        }
                    }
                }
                assertThat(ids.keySet().stream().filter(name -> !outcomes.containsKey(name)).toList())
                        .as("documents not yet INDEXED or REJECTED").isEmpty();
            });
        } finally {
            ingestHeap.stop();
        }

        List<String> problems = new ArrayList<>();
        StringBuilder table = new StringBuilder("| file | outcome | chunks | reason |\n|---|---|---|---|\n");
        for (Path file : files) {
            String name = file.getFileName().toString();
            Expectation expected = expectations.get(name);
            JsonNode status = outcomes.get(name);
            String state = status.path("state").asText();
            String reason = status.path("reason").asText("");
            table.append("| ").append(name).append(" | ").append(state).append(" | ").append(status.path("chunks").asInt())
                    .append(" | ").append(reason.replace("|", "/")).append(" |\n");
            boolean shouldIndex = expected.outcome().equals("INDEXED") || (expected.outcome().equals("OCR") && ocr);
            if (shouldIndex) {
                if (!state.equals("INDEXED")) {
                    problems.add(name + ": expected INDEXED, got " + state + " (" + reason + ")");
                } else if (!findable(client, ids.get(name), expected.text())) {
                    problems.add(name + ": INDEXED but '" + expected.text() + "' is not findable through /v1/search");
                }
            } else {
                String expectedReason = expected.outcome().equals("OCR") ? "no text" : expected.text();
                if (!state.equals("REJECTED") || !reason.startsWith(expectedReason)) {
                    problems.add(name + ": expected REJECTED '" + expectedReason + "...', got " + state + " (" + reason + ")");
                }
            }
        }
        System.out.println("[corpus] outcomes (OCR " + (ocr ? "on" : "off") + "):\n" + table);
        System.out.printf("[corpus] ingest-service peak heap during the run: %.0f MiB (limit %d MiB)%n",
                ingestHeap.peak() / 1048576.0, INGEST_HEAP_LIMIT / 1048576);
        Path report = Path.of("target", "corpus-outcomes.md");
        Files.writeString(report, table + String.format("%ningest-service peak heap: %.0f MiB%n", ingestHeap.peak() / 1048576.0));

        assertThat(problems).as("corpus outcomes").isEmpty();
        for (var pid : pidsBefore.entrySet()) {
            assertThat(services.isRunning(pid.getKey())).as("%s still running", pid.getKey()).isTrue();
            assertThat(services.pid(pid.getKey())).as("%s did not restart", pid.getKey()).isEqualTo(pid.getValue());
        }
        assertThat(ingestHeap.peak()).as("ingest heap").isPositive().isLessThan(INGEST_HEAP_LIMIT);
    }

    private static boolean findable(FreshetClient client, String id, String phrase) {
        String wanted = normalise(phrase);
        return client.search(phrase, 100, "lexical", null).stream()
                .anyMatch(hit -> hit.documentId().equals(id) && normalise(hit.text()).contains(wanted));
    }

    private static String normalise(String text) {
        return text.replace('\u2019', '\'').replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static boolean tesseractInstalled() {
        try {
            Process process = new ProcessBuilder("tesseract", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Map<String, Expectation> expectations() throws IOException {
        Map<String, Expectation> expectations = new LinkedHashMap<>();
        try (InputStream in = DocumentCorpusTest.class.getResourceAsStream("/corpus-expectations.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                expectations.put(columns[0], new Expectation(columns[0], columns[1], columns[2]));
            }
        }
        return expectations;
    }

    /** Samples a service's used heap from its Prometheus endpoint, keeping the highest value seen. */
    private static final class HeapSampler {

        private final HttpClient http = HttpClient.newHttpClient();
        private final URI prometheus;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        HeapSampler(URI service) {
            this.prometheus = service.resolve("/actuator/prometheus");
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
            sample();
        }

        long peak() {
            return peak.get();
        }

        private void sample() {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                double used = response.body().lines()
                        .filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .sum();
                peak.accumulateAndGet((long) used, Math::max);
            } catch (IOException | RuntimeException e) {
                // a missed sample: the next one counts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
