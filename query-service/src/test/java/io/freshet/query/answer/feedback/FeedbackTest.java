package io.freshet.query.answer.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.contract.event.Topics;
import io.freshet.infra.EngineFixture;
import io.freshet.infra.FakeChatModel;
import io.freshet.query.answer.generation.ModelAppTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feedback on real Kafka, exported as a fine-tuning set: only the person who was given an answer can judge it, the
 * record carries the sources the model saw, and the export writes chat-format JSONL of approved or corrected answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FeedbackTest extends ModelAppTest {

    static final FakeChatModel MODEL = FakeChatModel.start(FakeChatModel.Protocol.OPENAI);
    static final String RUN = run();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        engines(registry, RUN);
        registry.add("spring.kafka.bootstrap-servers", () -> EngineFixture.shared().kafkaBootstrapServers());
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

    private HttpResponse<String> feedback(String token, Map<String, Object> body) throws Exception {
        return post("/v1/feedback", token, JSON.writeValueAsString(body), "application/json");
    }

    @Test
    void feedbackOnlyFromWhoWasGivenTheAnswerAndExportedAsAFineTuningSet() throws Exception {
        MODEL.enqueue(FakeChatModel.reply("The staff canteen opens early [1]."));
        String corrected = answer(BOB, "When does the staff canteen open?").path("answerId").asText();
        MODEL.enqueue(FakeChatModel.reply("Breakfast is served until 9:30 [1]."));
        String approved = answer(BOB, "Until when is breakfast served in the staff canteen?").path("answerId").asText();
        MODEL.enqueue(FakeChatModel.reply("It is on the third floor [1]."));
        String rejected = answer(BOB, "Where is the staff canteen?").path("answerId").asText();
        String correction = "The staff canteen opens at 7:30 on weekdays [1]. (" + RUN + ")";

        assertThat(feedback(ANN, Map.of("answerId", corrected, "helpful", true)).statusCode())
                .as("Ann was not given Bob's answer").isEqualTo(404);
        assertThat(feedback(BOB, Map.of("answerId", "no-such-answer", "helpful", true)).statusCode()).isEqualTo(404);
        assertThat(feedback(BOB, Map.of("answerId", corrected)).statusCode()).as("helpful is required").isEqualTo(400);
        assertThat(feedback(BOB, Map.of("answerId", corrected, "helpful", true, "correction", "x".repeat(9000)))
                .statusCode()).isEqualTo(400);

        assertThat(feedback(BOB, Map.of("answerId", corrected, "helpful", false, "correction", correction)).statusCode())
                .isEqualTo(202);
        assertThat(feedback(BOB, Map.of("answerId", approved, "helpful", true)).statusCode()).isEqualTo(202);
        assertThat(feedback(BOB, Map.of("answerId", rejected, "helpful", false)).statusCode()).isEqualTo(202);

        Path out = Files.createTempFile("finetune", ".jsonl");
        FinetuneExport.export(EngineFixture.shared().kafkaBootstrapServers(), Topics.FEEDBACK, out, Duration.ofSeconds(60));
        List<String> lines = Files.readAllLines(out);
        JsonNode correctedExample = JSON.readTree(lines.stream().filter(l -> l.contains(RUN)).findFirst().orElseThrow());
        JsonNode messages = correctedExample.path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText()).contains("numbered sources");
        assertThat(messages.get(1).path("content").asText()).contains("<sources>").contains("opens at 7:30")
                .contains("Question: When does the staff canteen open?");
        assertThat(messages.get(2).path("content").asText()).isEqualTo(correction);
        assertThat(lines).as("the approved answer as given").anyMatch(l -> l.contains("Breakfast is served until 9:30 [1]."));
        assertThat(lines).as("an unhelpful answer without correction teaches nothing")
                .noneMatch(l -> l.contains("It is on the third floor [1]."));
    }
}
