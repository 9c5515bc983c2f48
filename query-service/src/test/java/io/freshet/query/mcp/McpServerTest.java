package io.freshet.query.mcp;

import io.freshet.infra.FakeChatModel;
import io.freshet.query.answer.generation.ModelAppTest;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An agent over MCP with the MCP Java SDK's own client (streamable HTTP): no token, no session; with one, the three
 * tools, each returning only what that user may read, and bad arguments refused as tool errors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class McpServerTest extends ModelAppTest {

    static final FakeChatModel MODEL = FakeChatModel.start(FakeChatModel.Protocol.OPENAI);
    static final String RUN = run();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        engines(registry, RUN);
        registry.add("spring.kafka.bootstrap-servers", () -> io.freshet.infra.EngineFixture.shared().kafkaBootstrapServers());
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

    private McpSyncClient client(String token) {
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) -> {
                    if (token != null) {
                        request.header("Authorization", "Bearer " + token);
                    }
                }).build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Test
    void withoutATokenThereIsNoSession() {
        try (McpSyncClient anonymous = client(null)) {
            assertThatThrownBy(anonymous::initialize).as("401 before any MCP handling").isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void theThreeToolsAreListedWithTheirSchemas() {
        try (McpSyncClient bob = client(BOB)) {
            bob.initialize();
            List<McpSchema.Tool> tools = bob.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("search_documents", "get_document_passages", "answer_question");
            assertThat(tools).allSatisfy(tool -> assertThat(tool.inputSchema()).containsKey("required"));
        }
    }

    @Test
    void searchReturnsOnlyWhatTheUserMayRead() {
        try (McpSyncClient bob = client(BOB); McpSyncClient ann = client(ANN)) {
            bob.initialize();
            ann.initialize();
            var query = new McpSchema.CallToolRequest("search_documents", Map.of("query", "Zorblatt bonus bands", "topK", 10));

            McpSchema.CallToolResult forBob = bob.callTool(query);
            assertThat(forBob.isError()).isFalse();
            assertThat(text(forBob)).doesNotContain("hr-bonus").doesNotContain("11 percent");
            assertThat(text(ann.callTool(query))).contains("hr-bonus").contains("11 percent");
        }
    }

    @Test
    void aDocumentsPassagesAreTheUsersToReadOrUnknown() {
        try (McpSyncClient bob = client(BOB); McpSyncClient ann = client(ANN)) {
            bob.initialize();
            ann.initialize();
            var hrDocument = new McpSchema.CallToolRequest("get_document_passages", Map.of("documentId", "hr-bonus"));
            var missing = new McpSchema.CallToolRequest("get_document_passages", Map.of("documentId", "no-such-doc"));

            McpSchema.CallToolResult forBob = bob.callTool(hrDocument);
            assertThat(forBob.isError()).isTrue();
            assertThat(text(forBob)).as("the same words as for a missing document")
                    .isEqualTo(text(bob.callTool(missing)).replace("no-such-doc", "hr-bonus"));
            McpSchema.CallToolResult forAnn = ann.callTool(hrDocument);
            assertThat(forAnn.isError()).isFalse();
            assertThat(text(forAnn)).contains("11 percent").contains("Zorblatt bonus bands");
        }
    }

    @Test
    void answerQuestionAnswersFromTheUsersPassagesWithCitations() throws Exception {
        try (McpSyncClient bob = client(BOB)) {
            bob.initialize();
            MODEL.enqueue(FakeChatModel.reply("The staff canteen opens at 7:30 [1]."));
            McpSchema.CallToolResult result = bob.callTool(
                    new McpSchema.CallToolRequest("answer_question", Map.of("question", "When does the staff canteen open?")));

            assertThat(result.isError()).isFalse();
            assertThat(text(result)).contains("\"grounded\":true").contains("\"mode\":\"generated\"")
                    .contains("staff-canteen").contains("opens at 7:30 [1]");
            String answerId = JSON.readTree(text(result)).path("answerId").asText();
            assertThat(post("/v1/feedback", BOB, JSON.writeValueAsString(Map.of("answerId", answerId, "helpful", true)),
                    "application/json").statusCode()).as("the agent's user can judge the answer").isEqualTo(202);
            assertThat(post("/v1/feedback", ANN, JSON.writeValueAsString(Map.of("answerId", answerId, "helpful", true)),
                    "application/json").statusCode()).as("nobody else can").isEqualTo(404);
        }
    }

    @Test
    void absurdArgumentsAreToolErrorsNotFailures() {
        try (McpSyncClient bob = client(BOB)) {
            bob.initialize();
            McpSchema.CallToolResult tooMany = bob.callTool(
                    new McpSchema.CallToolRequest("search_documents", Map.of("query", "canteen", "topK", 100000)));
            McpSchema.CallToolResult noQuery = bob.callTool(new McpSchema.CallToolRequest("search_documents", Map.of()));

            assertThat(tooMany.isError()).isTrue();
            assertThat(text(tooMany)).contains("topK").contains("50");
            assertThat(noQuery.isError()).isTrue();
            assertThat(text(noQuery)).contains("query");
        }
    }
}
