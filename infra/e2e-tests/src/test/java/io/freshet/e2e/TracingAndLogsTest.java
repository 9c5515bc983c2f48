package io.freshet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.infra.ServiceStack;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A change's trace, from the connector's HTTP request to the index write: the W3C trace context the connector sends
 * travels in the Kafka headers of every hop, and every service's JSON log lines about the document carry its id and
 * that trace id, so one filter finds the document's whole path.
 */
class TracingAndLogsTest {

    private static final Duration CONVERGENCE = Duration.ofSeconds(90);

    @Test
    void aChangesTraceRunsFromTheIntakeToTheIndexWriteAndEveryLogLineNamesItsDocument() {
        Pipeline pipeline = LocalPipeline.shared();
        FreshetClient client = pipeline.client();
        String id = "trace-" + UUID.randomUUID().toString().substring(0, 8);
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";

        HttpResponse<String> accepted = client.postDocument(FreshetClient.textDocument(id, 1, "Tessaly archive hours",
                "The Tessaly records archive opens at nine and lends folders for two weeks."), traceparent);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("traceresponse")).as("the intake names the trace it ran in")
                .hasValueSatisfying(value -> assertThat(value).startsWith("00-" + traceId + "-"));
        await().atMost(CONVERGENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(client.status(id).path("state").asText()).isEqualTo("INDEXED"));

        // Written by each service before it acknowledged its step; a log line can still be in the process's buffer.
        for (String service : List.of(ServiceStack.INGEST, ServiceStack.EMBED, ServiceStack.INDEX)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<JsonNode> lines = linesAbout(service, id);
                assertThat(lines).as("%s's log lines naming %s", service, id).isNotEmpty();
                assertThat(lines).as("%s: every line about %s is in the connector's trace", service, id)
                        .allSatisfy(line -> assertThat(traceIdOf(line)).isEqualTo(traceId));
            });
        }
        assertThat(linesAbout(ServiceStack.INDEX, id)).as("the index write")
                .anySatisfy(line -> assertThat(line.path("message").asText()).contains("INDEXED"));
    }

    /** The JSON log lines of {@code service} whose document id is {@code id}. */
    private static List<JsonNode> linesAbout(String service, String id) {
        var found = new ArrayList<JsonNode>();
        try (var lines = Files.lines(RunningServices.logFile(service))) {
            lines.filter(line -> line.startsWith("{") && line.contains(id)).forEach(line -> {
                try {
                    JsonNode json = FreshetClient.JSON.readTree(line);
                    if (id.equals(json.path("documentId").asText())) {
                        found.add(json);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("not a JSON log line in " + service + "'s log: " + line, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static String traceIdOf(JsonNode line) {
        return line.has("traceId") ? line.path("traceId").asText() : line.path("trace").path("id").asText();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
