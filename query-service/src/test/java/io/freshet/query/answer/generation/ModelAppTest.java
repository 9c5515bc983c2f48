package io.freshet.query.answer.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.contract.event.Acl;
import io.freshet.embedding.EmbeddingModel;
import io.freshet.infra.EngineFixture;
import io.freshet.infra.FakeChatModel;
import io.freshet.infra.LocalTokenIssuer;
import io.freshet.query.opensearch.TestIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query-service application answering with a {@link FakeChatModel}, on real OpenSearch indices holding a document
 * the whole organisation may read and one only HR may read; Bob is not in HR.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ModelAppTest {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final LocalTokenIssuer TOKENS = LocalTokenIssuer.start(
            Path.of(System.getProperty("java.io.tmpdir"), "freshet-generated-answers-issuer"), 0);
    protected static final String BOB = TOKENS.userToken("bob", List.of("sales"), Duration.ofHours(1));

    @Autowired
    OpenSearchClient client;
    @Autowired
    EmbeddingModel embeddings;
    @LocalServerPort
    protected int port;

    protected abstract FakeChatModel model();

    protected abstract String runId();

    protected static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Real engines, the test issuer, a short model deadline and a breaker that stays closed (tested on its own). */
    protected static void engines(DynamicPropertyRegistry registry, String run) {
        registry.add("management.server.port", () -> "0");
        registry.add("freshet.opensearch.url", () -> EngineFixture.shared().openSearchUrl());
        registry.add("freshet.opensearch.chunk-index", () -> "it-gen-chunks-" + run);
        registry.add("freshet.opensearch.status-index", () -> "it-gen-status-" + run);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TOKENS::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TOKENS::jwkSetUri);
        registry.add("freshet.answer.generation.timeout", () -> "8s"); // a cold first call on a busy machine takes seconds
        registry.add("resilience4j.circuitbreaker.instances.chat-model.minimum-number-of-calls", () -> "1000");
        registry.add("resilience4j.circuitbreaker.instances.chat-model.sliding-window-size", () -> "1000");
    }

    @BeforeAll
    void index() {
        var index = new TestIndex(client, embeddings, "it-gen-chunks-" + runId(), "it-gen-status-" + runId(), Clock.systemUTC());
        index.put("staff-canteen", "Staff canteen",
                "The staff canteen on the third floor opens at 7:30 and closes at 16:00 on weekdays. "
                        + "Breakfast is served until 9:30.", Acl.restrictedTo(Acl.EVERYONE_IN_ORGANISATION));
        index.put("hr-bonus", "Zorblatt bonus bands",
                "The Zorblatt bonus bands for 2026 are 4, 7 and 11 percent of base salary.", Acl.restrictedTo("group:hr"));
    }

    @AfterAll
    void stopModel() {
        model().close();
    }

    JsonNode answer(String token, String question) throws Exception {
        HttpResponse<String> response = post("/v1/answer", token, body(question), "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    List<ServerSentEvent> stream(String token, String question) throws Exception {
        HttpResponse<String> response = post("/v1/answer/stream", token, body(question), "text/event-stream");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        return ServerSentEvent.parse(response.body());
    }

    HttpResponse<String> post(String path, String token, String body, String accept) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Accept", accept)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String body(String question) throws Exception {
        return JSON.writeValueAsString(java.util.Map.of("question", question, "topK", 5));
    }

    /** One Server-Sent Event: its name and its data as JSON. */
    record ServerSentEvent(String name, JsonNode json) {

        static List<ServerSentEvent> parse(String body) throws Exception {
            var events = new ArrayList<ServerSentEvent>();
            for (String block : body.replace("\r\n", "\n").split("\n\n")) {
                String name = "message";
                var data = new StringBuilder();
                for (String line : block.split("\n")) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).replaceFirst("^ ", ""));
                    }
                }
                if (!data.isEmpty()) {
                    events.add(new ServerSentEvent(name, JSON.readTree(data.toString())));
                }
            }
            return events;
        }
    }
}
