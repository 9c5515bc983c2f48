package io.freshet.query.answer.generation;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.contract.event.Acl;
import io.freshet.infra.FakeChatModel;
import io.freshet.infra.FakeChatModel.Protocol;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated answers through each provider's real wire protocol (Spring AI's own clients, configured by Spring AI's
 * properties, talking HTTP to {@link FakeChatModel}), on a real OpenSearch index: the happy path, an invented
 * citation, an uncited sentence, the model abstaining, nothing relevant (the model is not called), a timeout, a
 * 500, a garbage body and a 429 whose Retry-After is honoured; and the stream, whole.
 */
class GeneratedAnswersTest {

    private static final Pattern FIRST_SOURCE_TITLE = Pattern.compile("<source n=\"1\" title=\"([^\"]*)\"");

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    abstract static class ProviderContract extends ModelAppTest {

        @Test
        @Order(1)
        void aGroundedReplyIsReturnedWithItsCitationAndTheModelSawOnlyReadablePassagesFenced() throws Exception {
            model().enqueue(FakeChatModel.reply("The staff canteen opens at 7:30 on weekdays [1]."));
            JsonNode answer = answer(BOB, "When does the staff canteen open?");

            assertThat(answer.path("mode").asText()).isEqualTo("generated");
            assertThat(answer.path("grounded").asBoolean()).isTrue();
            assertThat(answer.path("answer").asText()).isEqualTo("The staff canteen opens at 7:30 on weekdays [1].");
            assertThat(answer.path("inventedCitations").asInt()).isZero();
            assertThat(answer.path("uncitedSentences")).isEmpty();
            String prompt = model().lastUserMessage();
            Matcher first = FIRST_SOURCE_TITLE.matcher(prompt);
            assertThat(first.find()).as(prompt).isTrue();
            JsonNode citation = answer.path("citations").get(0);
            assertThat(citation.path("title").asText()).isEqualTo(first.group(1));
            assertThat(citation.path("documentId").asText()).isEqualTo("staff-canteen");
            assertThat(citation.path("snippet").asText()).contains("opens at 7:30");
            assertThat(citation.path("url").asText()).isEqualTo("https://intranet/staff-canteen");
            assertThat(prompt).contains("<sources>").contains("Question: When does the staff canteen open?")
                    .as("an HR-only passage never reaches the model of someone outside HR").doesNotContain("Zorblatt");
        }

        @Test
        @Order(2)
        void aMarkerNamingNoPassageIsRemovedAndCounted() throws Exception {
            model().enqueue(FakeChatModel.reply("The staff canteen opens at 7:30 [1]. It closes at 16:00 [9]."));
            JsonNode answer = answer(BOB, "When does the staff canteen open?");

            assertThat(answer.path("answer").asText()).isEqualTo("The staff canteen opens at 7:30 [1]. It closes at 16:00.");
            assertThat(answer.path("inventedCitations").asInt()).isEqualTo(1);
            assertThat(answer.path("citations")).hasSize(1);
        }

        @Test
        @Order(3)
        void aSentenceWithoutMarkerIsFlagged() throws Exception {
            model().enqueue(FakeChatModel.reply(
                    "The staff canteen opens at 7:30 [1]. It also serves excellent vegan lunches every single day."));
            JsonNode answer = answer(BOB, "When does the staff canteen open?");

            assertThat(answer.path("grounded").asBoolean()).isTrue();
            assertThat(answer.path("uncitedSentences").get(0).asText())
                    .isEqualTo("It also serves excellent vegan lunches every single day.");
        }

        @Test
        @Order(4)
        void theModelSayingTheSourcesDoNotCoverItIsAnUngroundedIDontKnow() throws Exception {
            model().enqueue(FakeChatModel.reply("The sources do not cover this."));
            JsonNode answer = answer(BOB, "When does the staff canteen serve dinner?");

            assertThat(answer.path("mode").asText()).isEqualTo("generated");
            assertThat(answer.path("grounded").asBoolean()).isFalse();
            assertThat(answer.path("answer").asText()).startsWith("I don't know");
            assertThat(answer.path("citations")).isEmpty();
        }

        @Test
        @Order(5)
        void whenNothingReadableIsRelevantTheModelIsNotCalled() throws Exception {
            int before = model().requestCount();
            JsonNode answer = answer(BOB, "What are the Zorblatt bonus bands for 2026?");

            assertThat(answer.path("grounded").asBoolean()).isFalse();
            assertThat(answer.path("answer").asText()).startsWith("I don't know");
            assertThat(model().requestCount()).as("no model call without relevant evidence").isEqualTo(before);
            assertThat(model().requests().toString()).doesNotContain("11 percent");
        }

        @Test
        @Order(6)
        void aModelThatDoesNotAnswerInTimeIsReplacedByTheExtractiveAnswer() throws Exception {
            model().enqueue(new FakeChatModel.Delay(Duration.ofSeconds(20), "Too late [1]."));
            JsonNode answer = answer(BOB, "When does the staff canteen open?");

            assertFallback(answer, "timeout");
        }

        @Test
        @Order(7)
        void aServerErrorFallsBack() throws Exception {
            model().enqueue(new FakeChatModel.Fail(500, Map.of(), "{\"error\":{\"message\":\"overloaded\"}}"));
            assertFallback(answer(BOB, "When does the staff canteen open?"), "server_error");
        }

        @Test
        @Order(8)
        void aGarbageBodyFallsBack() throws Exception {
            model().enqueue(new FakeChatModel.Garbage("<html><body>502 Bad Gateway</body></html>"));
            JsonNode answer = answer(BOB, "When does the staff canteen open?");

            assertThat(answer.path("mode").asText()).isEqualTo("extractive-fallback");
            assertThat(answer.path("answer").asText()).contains("7:30");
        }

        @Test
        @Order(9)
        void theStreamSendsTokensThenTheCheckedAnswerWithCitationsThenDone() throws Exception {
            String reply = "The staff canteen opens at 7:30 [1]. Breakfast is served until 9:30 [1].";
            model().enqueue(new FakeChatModel.Reply(reply, 6, Duration.ZERO));
            List<ServerSentEvent> events = stream(BOB, "When does the staff canteen open?");

            List<String> names = events.stream().map(ServerSentEvent::name).toList();
            assertThat(names).startsWith("token").endsWith("citations", "done");
            assertThat(names.stream().filter("token"::equals).count()).isGreaterThan(1);
            String streamed = String.join("", events.stream().filter(e -> e.name().equals("token"))
                    .map(e -> e.json().path("text").asText()).toList());
            assertThat(streamed).isEqualTo(reply);
            JsonNode citations = events.get(events.size() - 2).json();
            assertThat(citations.path("answer").asText()).isEqualTo(reply);
            assertThat(citations.path("citations").get(0).path("documentId").asText()).isEqualTo("staff-canteen");
            JsonNode done = events.get(events.size() - 1).json();
            assertThat(done.path("mode").asText()).isEqualTo("generated");
            assertThat(done.path("answerId").asText()).isNotBlank();
            assertThat(done.path("timeToFirstTokenMs").asLong()).isGreaterThanOrEqualTo(0);
        }

        @Test
        @Order(10)
        void aStreamWhoseModelFailsFirstStreamsTheExtractiveAnswerInstead() throws Exception {
            model().enqueue(new FakeChatModel.Fail(503, Map.of(), "{}"));
            List<ServerSentEvent> events = stream(BOB, "When does the staff canteen open?");

            assertThat(events).extracting(ServerSentEvent::name).containsExactly("token", "citations", "done");
            assertThat(events.get(0).json().path("text").asText()).contains("7:30");
            assertThat(events.get(2).json().path("mode").asText()).isEqualTo("extractive-fallback");
        }

        @Test
        @Order(15)
        void aFollowUpIsRewrittenFromTheCallersOwnConversationBeforeRetrieval() throws Exception {
            model().enqueue(FakeChatModel.reply("The staff canteen opens at 7:30 [1]."));
            JsonNode first = answer(BOB, "When does the staff canteen open?", null);
            String conversation = first.path("conversationId").asText();
            assertThat(conversation).isNotBlank();

            model().enqueue(FakeChatModel.reply("When does the staff canteen close on weekdays?"),
                    FakeChatModel.reply("It closes at 16:00 [1]."));
            JsonNode followUp = answer(BOB, "And when does it close?", conversation);
            assertThat(followUp.path("standaloneQuestion").asText()).isEqualTo("When does the staff canteen close on weekdays?");
            assertThat(followUp.path("answer").asText()).isEqualTo("It closes at 16:00 [1].");
            List<JsonNode> requests = model().requests();
            assertThat(requests.get(requests.size() - 2).toString()).as("the rewrite saw the earlier turn")
                    .contains("When does the staff canteen open?").contains("And when does it close?");
            assertThat(model().lastUserMessage()).contains("Question: When does the staff canteen close on weekdays?");

            int calls = model().requestCount();
            model().enqueue(FakeChatModel.reply("It closes at 16:00 [1]."));
            JsonNode stranger = answer(ANN, "And when does it close?", conversation);
            assertThat(stranger.has("standaloneQuestion")).as("another caller's conversation id holds nothing for Ann")
                    .isFalse();
            assertThat(model().requestCount()).as("no rewrite call, only the answer").isEqualTo(calls + 1);
        }

        @Test
        @Order(20)
        void a429IsHonouredCallsWaitOutItsRetryAfterAndAnswerExtractivelyMeanwhile() throws Exception {
            model().enqueue(new FakeChatModel.Fail(429, Map.of("Retry-After", "30"), "{\"error\":{\"message\":\"slow down\"}}"));
            assertFallback(answer(BOB, "When does the staff canteen open?"), "rate_limited");
            int after429 = model().requestCount();

            assertFallback(answer(BOB, "When does the staff canteen open?"), "rate_limited");
            assertThat(model().requestCount()).as("no call while the Retry-After runs").isEqualTo(after429);
        }

        private static void assertFallback(JsonNode answer, String reason) {
            assertThat(answer.path("mode").asText()).as(answer.toString()).isEqualTo("extractive-fallback");
            assertThat(answer.path("fallbackReason").asText()).isEqualTo(reason);
            assertThat(answer.path("grounded").asBoolean()).isTrue();
            assertThat(answer.path("answer").asText()).contains("7:30");
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class OpenAiCompatible extends ProviderContract {

        static final FakeChatModel MODEL = FakeChatModel.start(Protocol.OPENAI);
        static final String RUN = run();

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            engines(registry, RUN);
            openAi(registry, MODEL);
        }

        @Override
        protected FakeChatModel model() {
            return MODEL;
        }

        @Override
        protected String runId() {
            return RUN;
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class Ollama extends ProviderContract {

        static final FakeChatModel MODEL = FakeChatModel.start(Protocol.OLLAMA);
        static final String RUN = run();

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            engines(registry, RUN);
            registry.add("spring.ai.model.chat", () -> "ollama");
            registry.add("spring.ai.ollama.base-url", MODEL::baseUrl);
            registry.add("spring.ai.ollama.chat.model", () -> "fake-model");
        }

        @Override
        protected FakeChatModel model() {
            return MODEL;
        }

        @Override
        protected String runId() {
            return RUN;
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class Anthropic extends ProviderContract {

        static final FakeChatModel MODEL = FakeChatModel.start(Protocol.ANTHROPIC);
        static final String RUN = run();

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            engines(registry, RUN);
            registry.add("spring.ai.model.chat", () -> "anthropic");
            registry.add("spring.ai.anthropic.base-url", MODEL::baseUrl);
            registry.add("spring.ai.anthropic.api-key", () -> "test-key");
            registry.add("spring.ai.anthropic.chat.model", () -> "fake-model");
        }

        @Override
        protected FakeChatModel model() {
            return MODEL;
        }

        @Override
        protected String runId() {
            return RUN;
        }
    }

    /** The breaker and a client that goes away, on the OpenAI protocol, in an application of their own. */
    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class BreakerAndCancellation extends ModelAppTest {

        static final FakeChatModel MODEL = FakeChatModel.start(Protocol.OPENAI);
        static final String RUN = run();

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            engines(registry, RUN);
            openAi(registry, MODEL);
            registry.add("resilience4j.circuitbreaker.instances.chat-model.minimum-number-of-calls", () -> "2");
            registry.add("resilience4j.circuitbreaker.instances.chat-model.sliding-window-size", () -> "2");
            registry.add("resilience4j.circuitbreaker.instances.chat-model.wait-duration-in-open-state", () -> "10m");
        }

        @Override
        protected FakeChatModel model() {
            return MODEL;
        }

        @Override
        protected String runId() {
            return RUN;
        }

        @Test
        @Order(1)
        void aClientThatGoesAwayMidStreamCancelsTheModelCall() throws Exception {
            // 400 pieces 50 ms apart: twenty seconds of writing unless the call is cancelled.
            MODEL.enqueue(new FakeChatModel.Reply("word ".repeat(400) + "[1].", 400, Duration.ofMillis(50)));
            String request = body("When does the staff canteen open?");
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                var out = socket.getOutputStream();
                out.write(("POST /v1/answer/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + BOB
                        + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: "
                        + request.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n" + request)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        java.nio.charset.StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null && !line.startsWith("event:token")) {
                    // headers and the first bytes of the stream
                }
                assertThat(line).as("a first token arrived").isNotNull();
            }
            assertThat(MODEL.awaitStreamCancelled(Duration.ofSeconds(15))).as("the model's stream was closed").isTrue();
        }

        @Test
        @Order(2)
        void afterRepeatedFailuresTheBreakerOpensAndTheModelIsNoLongerCalled() throws Exception {
            MODEL.enqueue(new FakeChatModel.Fail(500, Map.of(), "{}"), new FakeChatModel.Fail(500, Map.of(), "{}"));
            answer(BOB, "When does the staff canteen open?");
            answer(BOB, "When does the staff canteen open?");
            int calls = MODEL.requestCount();

            JsonNode answer = answer(BOB, "When does the staff canteen open?");
            assertThat(answer.path("mode").asText()).isEqualTo("extractive-fallback");
            assertThat(answer.path("fallbackReason").asText()).isEqualTo("breaker_open");
            assertThat(MODEL.requestCount()).isEqualTo(calls);
        }
    }
}
