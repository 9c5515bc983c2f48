package io.freshet.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshet.infra.ModelsCommand;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedding model changes without downtime, on the real engines and services: {@code ./freshet reindex} builds the
 * second shipped model's indices from the changes topic while a reader keeps searching, a change published meanwhile
 * reaches both models' indices, the aliases move in one step, and {@code --rollback} moves them back.
 */
class ModelChangeTest {

    private static final String FIRST = "bge-small-en-v1.5-int8";
    private static final String SECOND = "all-minilm-l6-v2-int8";
    private static final Duration CONVERGENCE = Duration.ofSeconds(90);

    @Test
    void theModelChangesWhileQueriesAreServedAndEveryChangeReachesBothModelsIndices() throws Exception {
        Pipeline pipeline = LocalPipeline.shared();
        FreshetClient client = pipeline.client();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String watched = "mc-" + run + "-watched";
        List<String> ids = new ArrayList<>(List.of(watched));
        assertThat(client.postDocument(FreshetClient.textDocument(watched, 1, "Quillon archive",
                "The Quillon" + run + " archive lends folders for two weeks and opens at nine."))).isEqualTo(202);
        for (int i = 0; i < 8; i++) {
            String id = "mc-" + run + "-" + i;
            ids.add(id);
            assertThat(client.postDocument(FreshetClient.textDocument(id, 1, "Note " + i,
                    "Note " + i + " of the Veltrane office says the kitchen is cleaned on day " + i + "."))).isEqualTo(202);
        }
        awaitIndexed(client, ids);
        // Searchable, not only recorded: while the pipeline works off a backlog the chunk index refreshes every 10 s.
        await().atMost(CONVERGENCE).ignoreExceptions().untilAsserted(() -> assertThat(
                client.search("Quillon" + run, 3, "lexical", null)).extracting(FreshetClient.Hit::documentId).contains(watched));
        long queryLogAtStart = queryLogLength();

        // A reader searching all along: every answer must come back, and with the watched document.
        var reading = new AtomicBoolean(true);
        var served = new AtomicInteger();
        var failed = new ArrayList<String>();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                try {
                    // Hybrid: the question embedded with the served model (which ranks the rest as it may); lexical:
                    // the watched document's code word, which whatever index serves must find.
                    client.search("Quillon archive folders for two weeks", 5, "hybrid", null);
                    List<FreshetClient.Hit> hits = client.search("Quillon" + run, 3, "lexical", null);
                    if (hits.stream().noneMatch(hit -> hit.documentId().equals(watched))) {
                        synchronized (failed) {
                            failed.add("the watched document was missing: " + hits);
                        }
                    }
                    served.addAndGet(2);
                } catch (RuntimeException e) {
                    synchronized (failed) {
                        failed.add(e.getMessage());
                    }
                }
            }
        }, "model-change-reader");
        reader.start();

        String indexUrl = pipeline.services().indexUrl().toString();
        var output = new ByteArrayOutputStream();
        CompletableFuture<Integer> reindex = CompletableFuture.supplyAsync(() -> ModelsCommand.run(
                List.of("reindex", "--model", SECOND, "--index-url", indexUrl),
                new PrintStream(output, true, StandardCharsets.UTF_8), System.err));
        // A change while the new indices fill: it must reach both models' indices.
        String edited = "mc-" + run + "-3";
        await().atMost(CONVERGENCE).until(() -> models(indexUrl).contains("reindex"));
        assertThat(client.postDocument(FreshetClient.textDocument(edited, 2, "Note 3",
                "Note 3 now says the Brisketon" + run + " kitchen closes for repairs in May."))).isEqualTo(202);

        int exit = reindex.get(10, TimeUnit.MINUTES);
        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("documents ").contains("documents/s").contains("time left")
                .contains("Serving " + SECOND + " now (was " + FIRST + ")");
        assertThat(modelsCommand(indexUrl)).containsExactlyInAnyOrder(SECOND + " 384 serving", FIRST + " 384");

        // The new model serves: the edit is found through it, and its index holds every document once, at its version.
        awaitFound(client, "Brisketon" + run + " kitchen repairs", edited);
        var second = new ChunkIndexInspector(pipeline.engines().openSearchUrl(), "freshet-chunks." + SECOND);
        var first = new ChunkIndexInspector(pipeline.engines().openSearchUrl(), "freshet-chunks." + FIRST);
        for (String id : ids) {
            long version = id.equals(edited) ? 2 : 1;
            assertThat(second.storedChunksOf(id)).as(id + " in " + SECOND).isNotEmpty()
                    .allSatisfy(chunk -> assertThat(chunk.version()).isEqualTo(version));
            assertThat(first.storedChunksOf(id)).as(id + " in " + FIRST + ", kept for a rollback").isNotEmpty()
                    .allSatisfy(chunk -> assertThat(chunk.version()).isEqualTo(version));
        }

        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(queryLogSince(queryLogAtStart))
                .as("query-service follows the alias").contains("serves freshet-chunks." + SECOND + " (model " + SECOND + ")"));
        long queryLogAtSwap = queryLogLength();

        // After the swap, a change still reaches the model kept for a rollback.
        assertThat(client.postDocument(FreshetClient.textDocument(edited, 3, "Note 3",
                "Note 3 now says the Clovenmere" + run + " kitchen reopens in June."))).isEqualTo(202);
        awaitFound(client, "Clovenmere" + run + " kitchen reopens", edited);

        assertThat(ModelsCommand.run(List.of("reindex", "--rollback", "--index-url", indexUrl),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err)).isZero();
        assertThat(modelsCommand(indexUrl)).containsExactlyInAnyOrder(FIRST + " 384 serving", SECOND + " 384");
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(queryLogSince(queryLogAtSwap))
                .as("query-service follows the alias back").contains("serves freshet-chunks." + FIRST + " (model " + FIRST + ")"));
        awaitFound(client, "Clovenmere" + run + " kitchen reopens", edited);
        assertThat(first.storedChunksOf(edited)).allSatisfy(chunk -> assertThat(chunk.version()).isEqualTo(3));

        reading.set(false);
        reader.join(TimeUnit.SECONDS.toMillis(30));
        synchronized (failed) {
            assertThat(failed).as("searches that failed or missed the document during the change").isEmpty();
        }
        assertThat(served.get()).as("searches served during the change").isGreaterThan(10);
        System.out.printf("[e2e] model change: %d searches served, 0 failed; %s%n", served.get(),
                printed.lines().filter(line -> line.startsWith("documents")).reduce((a, b) -> b).orElse(""));

        // The other tests run on the first model alone again.
        assertThat(retire(indexUrl, SECOND)).isEqualTo(200);
    }

    private static void awaitIndexed(FreshetClient client, List<String> ids) {
        await().atMost(CONVERGENCE).ignoreExceptions().untilAsserted(() -> {
            for (String id : ids) {
                assertThat(client.status(id).path("state").asText()).as(id).isEqualTo("INDEXED");
            }
        });
    }

    private static void awaitFound(FreshetClient client, String query, String id) {
        await().atMost(CONVERGENCE).ignoreExceptions().untilAsserted(() -> assertThat(client.search(query, 10, "hybrid", null))
                .extracting(FreshetClient.Hit::documentId).contains(id));
    }

    private static String models(String indexUrl) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(indexUrl + "/actuator/models")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int retire(String indexUrl, String model) throws Exception {
        ObjectNode body = FreshetClient.JSON.createObjectNode().put("action", "retire");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(indexUrl + "/actuator/models/" + model))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static long queryLogLength() {
        return RunningServices.logFile(io.freshet.infra.ServiceStack.QUERY).toFile().length();
    }

    /** What query-service logged after {@code offset} (a length {@link #queryLogLength} returned). */
    private static String queryLogSince(long offset) throws java.io.IOException {
        byte[] all = java.nio.file.Files.readAllBytes(RunningServices.logFile(io.freshet.infra.ServiceStack.QUERY));
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset), StandardCharsets.UTF_8);
    }

    /** What {@code ./freshet models} prints, a line each. */
    private static List<String> modelsCommand(String indexUrl) {
        var output = new ByteArrayOutputStream();
        assertThat(ModelsCommand.run(List.of("models", "--index-url", indexUrl),
                new PrintStream(output, true, StandardCharsets.UTF_8), System.err)).isZero();
        return output.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
