package io.freshet.query.opensearch;

import io.freshet.embedding.EmbeddingModel;
import io.freshet.infra.EngineFixture;
import io.freshet.infra.LocalTokenIssuer;
import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedChunk;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.Operation;
import io.freshet.index.DocumentIndexer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import io.freshet.query.audit.QueryAudit;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query API against a real OpenSearch + k-NN node, with passages embedded by the real model:
 * ranking per mode, the ACL filter, cited answers and "I don't know", document status, errors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class QueryServiceOpenSearchTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CHUNKS = "it-query-chunks-" + RUN;
    private static final String STATUS = "it-query-status-" + RUN;
    private static final String FINANCE = "group:finance";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    private static final LocalTokenIssuer TOKENS = LocalTokenIssuer.start(
            Path.of(System.getProperty("java.io.tmpdir"), "freshet-query-test-issuer"), 0);

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        registry.add("management.server.port", () -> "0");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TOKENS::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TOKENS::jwkSetUri);
        registry.add("freshet.opensearch.url", () -> EngineFixture.shared().openSearchUrl());
        registry.add("freshet.opensearch.chunk-index", () -> CHUNKS);
        registry.add("freshet.opensearch.status-index", () -> STATUS);
    }

    @Autowired
    OpenSearchClient client;
    @Autowired
    EmbeddingModel model;
    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    private record Doc(String id, String title, String text, boolean isPublic, List<String> principals, Integer page, String origin) {
    }

    private static final List<Doc> DOCS = List.of(
            new Doc("leave", "Leave policy",
                    "Employees are entitled to 25 days of paid annual leave per year. Unused annual leave may be carried over until March 31.",
                    true, List.of(), null, null),
            new Doc("parental", "Parental leave",
                    "Parents receive 16 weeks of paid parental leave. The parental leave can be split into two blocks.",
                    true, List.of(), null, null),
            new Doc("cafeteria", "Cafeteria",
                    "The cafeteria opens at 8 am and closes at 3 pm. Vegetarian dishes are served every day.",
                    true, List.of(), null, null),
            new Doc("vpn", "Remote access",
                    "To connect to the VPN, install the client and sign in with your badge number and a one-time code.",
                    true, List.of(), 3, "attachment: vpn-guide.pdf"),
            new Doc("salaries", "Salary review 2026",
                    "The salary bands for engineers were raised by 4 percent in 2026. Bonuses are paid out in December.",
                    false, List.of(FINANCE, "carol"), null, null));

    /** The real writer of index-service: what it writes is what this service must read. */
    private DocumentIndexer indexer;

    @BeforeAll
    void indexPassages() {
        indexer = new TestIndex(client, model, CHUNKS, STATUS, CLOCK).indexer();

        List<float[]> vectors = model.embedPassages(DOCS.stream().map(Doc::text).toList());
        for (int i = 0; i < DOCS.size(); i++) {
            Doc doc = DOCS.get(i);
            long version = doc.id().equals("leave") ? 7 : 1;
            indexer.index(embedded(doc.id(), version, doc.title(), doc.isPublic() ? Acl.publicAcl()
                    : new Acl(false, doc.principals()), List.of(new EmbeddedChunk(0, doc.text(), doc.page(), doc.origin(),
                    vectors.get(i)))));
        }
        indexer.recordVerdict(new DocumentStatus("scan", 2, DocumentState.REJECTED, 0, "password-protected PDF", null,
                CLOCK.instant(), "test", Acl.publicAcl()));
        refresh();
    }

    private static EmbeddedDocument embedded(String id, long version, String title, Acl acl, List<EmbeddedChunk> chunks) {
        var header = new DocumentHeader(id, "test", version, Operation.UPSERT, title, "https://intranet/" + id,
                "text/plain", Map.of(), acl, CLOCK.instant());
        return new EmbeddedDocument(header, "hash-" + id + "-" + version, "test-model", chunks);
    }

    private void refresh() {
        try {
            client.indices().refresh(r -> r.index(CHUNKS));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void lexicalSearchRanksByTermMatch() throws Exception {
        assertThat(documentIds(search("cafeteria opening hours vegetarian", "lexical", 3, null))).first().isEqualTo("cafeteria");
    }

    @Test
    void vectorSearchFindsMeaningWithoutSharedWords() throws Exception {
        String question = "Where can I have lunch at work?";
        assertThat(documentIds(search(question, "lexical", 5, null))).doesNotContain("cafeteria");
        assertThat(documentIds(search(question, "vector", 5, null))).first().isEqualTo("cafeteria");
    }

    @Test
    void hybridSearchCombinesBoth() throws Exception {
        assertThat(documentIds(search("how much holiday do employees get per year", "hybrid", 3, null))).first().isEqualTo("leave");
        assertThat(documentIds(search("parental leave weeks", null, 3, null))).first().isEqualTo("parental");
    }

    @Test
    void everyQueryRunsInTheCallersTraceAndSaysWhichOne() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/search"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokenFor(null))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"annual leave\", \"topK\": 1}"));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("traceresponse")).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .matches("00-" + traceId + "-[0-9a-f]{16}-01");

        // Without a caller's trace (and without a token): a new trace, named all the same.
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("traceresponse")).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]").doesNotContain(traceId);
    }

    @Test
    void hitsCarryPageAndOriginWhenKnown() throws Exception {
        JsonNode hits = search("VPN badge number one-time code", "hybrid", 1, null).get("hits");
        JsonNode top = hits.get(0);
        assertThat(top.get("documentId").asText()).isEqualTo("vpn");
        assertThat(top.get("chunkId").asText()).isEqualTo("vpn#0");
        assertThat(top.get("page").asInt()).isEqualTo(3);
        assertThat(top.get("origin").asText()).isEqualTo("attachment: vpn-guide.pdf");
        assertThat(top.get("url").asText()).isEqualTo("https://intranet/vpn");
        assertThat(top.get("score").asDouble()).isPositive();

        JsonNode leave = search("annual leave", "lexical", 1, null).get("hits").get(0);
        assertThat(leave.has("page")).as("absent page is left out").isFalse();
    }

    @Test
    void aPrivateDocumentIsInvisibleWithoutItsPrincipalInEveryModeAndInAnswers() throws Exception {
        String query = "salary bands for engineers raised percent";
        for (String mode : List.of("lexical", "vector", "hybrid")) {
            assertThat(documentIds(search(query, mode, 10, null))).as(mode + " no groups").doesNotContain("salaries");
            assertThat(documentIds(search(query, mode, 10, "alice,group:hr"))).as(mode + " other groups").doesNotContain("salaries");
            assertThat(documentIds(search(query, mode, 10, "alice, " + FINANCE))).as(mode + " finance").first().isEqualTo("salaries");
            assertThat(documentIds(search(query, mode, 10, "carol"))).as(mode + " named user").first().isEqualTo("salaries");
        }

        String question = "By how much were the salary bands for engineers raised?";
        JsonNode hidden = answer(question, null);
        assertThat(hidden.get("grounded").asBoolean()).isFalse();
        assertThat(hidden.toString()).doesNotContain("4 percent").doesNotContain("salaries");

        JsonNode visible = answer(question, FINANCE);
        assertThat(visible.get("grounded").asBoolean()).isTrue();
        assertThat(visible.get("answer").asText()).contains("raised by 4 percent").contains("[1]");
        assertThat(visible.get("citations").get(0).get("documentId").asText()).isEqualTo("salaries");
    }

    @Test
    void anAnswerQuotesAndCitesTheRightDocument() throws Exception {
        JsonNode answer = answer("How many days of paid annual leave do employees get?", null);

        assertThat(answer.get("grounded").asBoolean()).isTrue();
        assertThat(answer.get("answer").asText()).contains("25 days of paid annual leave").contains("[1]");
        JsonNode citation = answer.get("citations").get(0);
        assertThat(citation.get("documentId").asText()).isEqualTo("leave");
        assertThat(citation.get("title").asText()).isEqualTo("Leave policy");
        assertThat(citation.get("url").asText()).isEqualTo("https://intranet/leave");
        assertThat(citation.get("snippet").asText()).contains("25 days");
    }

    @Test
    void anAnswerFromAnAttachmentPageCitesThePageAndTheOrigin() throws Exception {
        JsonNode answer = answer("How do I connect to the VPN?", null);

        assertThat(answer.get("grounded").asBoolean()).as(answer.toString()).isTrue();
        JsonNode citation = answer.get("citations").get(0);
        assertThat(citation.get("documentId").asText()).isEqualTo("vpn");
        assertThat(citation.get("page").asInt()).isEqualTo(3);
        assertThat(citation.get("origin").asText()).isEqualTo("attachment: vpn-guide.pdf");
        assertThat(answer("How many days of paid annual leave do employees get?", null).get("citations").get(0).has("page"))
                .as("no page for a document without pages").isFalse();
    }

    @Test
    void aDocumentStatusGoesFromPendingToIndexed() throws Exception {
        float[] vector = model.embedPassages(List.of("moving text")).get(0);
        indexer.index(embedded("moving", 3, "Moving", Acl.publicAcl(), List.of(new EmbeddedChunk(0, "a", null, null, vector),
                new EmbeddedChunk(1, "b", null, null, vector))));
        indexer.recordVerdict(new DocumentStatus("moving", 4, DocumentState.PENDING, 0, null, null, CLOCK.instant(), "test",
                Acl.publicAcl()));
        JsonNode pending = json.readTree(get("/v1/documents/moving").body());
        assertThat(pending.get("state").asText()).isEqualTo("PENDING");
        assertThat(pending.get("version").asLong()).isEqualTo(4);
        assertThat(pending.has("reason")).isFalse();

        assertThat(pending.get("chunks").asInt()).as("v3's chunks stay searchable while v4 is on its way").isEqualTo(2);
        indexer.index(embedded("moving", 4, "Moving", Acl.publicAcl(), List.of(new EmbeddedChunk(0, "a", null, null, vector),
                new EmbeddedChunk(1, "b", null, null, vector), new EmbeddedChunk(2, "c", null, null, vector))));
        JsonNode indexed = json.readTree(get("/v1/documents/moving").body());
        assertThat(indexed.get("state").asText()).isEqualTo("INDEXED");
        assertThat(indexed.get("chunks").asInt()).isEqualTo(3);
        assertThat(indexed.get("version").asLong()).isEqualTo(4);
        assertThat(indexed.get("updatedAt").asText()).isEqualTo(CLOCK.instant().toString());
    }

    @Test
    void anOffTopicQuestionGetsIDontKnow() throws Exception {
        // The same index and answerer answer a question its passages cover, so "I don't know" below is about the topic.
        JsonNode covered = answer("How many days of paid annual leave do employees get?", null);
        assertThat(covered.get("grounded").asBoolean()).as(covered.toString()).isTrue();
        assertThat(covered.get("citations").get(0).get("documentId").asText()).isEqualTo("leave");

        for (String question : List.of("Who won the football world cup in 2018?", "What is the capital of France?",
                "How many moons does Jupiter have?")) {
            JsonNode answer = answer(question, null);
            assertThat(answer.get("grounded").asBoolean()).as(question).isFalse();
            assertThat(answer.get("answer").asText()).startsWith("I don't know");
            assertThat(answer.get("citations")).isEmpty();
        }
    }

    @Test
    void invalidRequestsAreProblemDetails() throws Exception {
        assertProblem(post("/v1/search", "{\"query\": \"  \"}", null), "query");
        assertProblem(post("/v1/search", "{\"query\": \"leave\", \"topK\": 0}", null), "topK");
        assertProblem(post("/v1/search", "{\"query\": \"leave\", \"topK\": 101}", null), "topK");
        assertProblem(post("/v1/search", "{\"query\": \"" + "x".repeat(2001) + "\"}", null), "query");
        assertProblem(post("/v1/search", "{\"query\": \"leave\", \"mode\": \"fuzzy\"}", null), "mode must be one of");
        assertProblem(post("/v1/answer", "{\"question\": \"\"}", null), "question");
        assertProblem(post("/v1/search", "not json", null), "not valid JSON");
    }

    @Test
    void documentStatusComesFromTheStatusIndex() throws Exception {
        HttpResponse<String> indexed = get("/v1/documents/leave");
        assertThat(indexed.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(indexed.body());
        assertThat(body.get("id").asText()).isEqualTo("leave");
        assertThat(body.get("state").asText()).isEqualTo("INDEXED");
        assertThat(body.get("version").asLong()).isEqualTo(7);
        assertThat(body.get("chunks").asInt()).isEqualTo(1);
        assertThat(body.get("updatedAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(body.get("contentHash").asText()).isEqualTo("hash-leave-7");

        JsonNode rejected = json.readTree(get("/v1/documents/scan").body());
        assertThat(rejected.get("state").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("reason").asText()).isEqualTo("password-protected PDF");

        HttpResponse<String> unknown = get("/v1/documents/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(unknown.body()).contains("nope");
        assertThat(body.has("acl")).as("who may read a document is not shown").isFalse();
    }

    @Test
    void theStatusOfADocumentTheCallerMayNotReadIsAnsweredExactlyLikeAMissingOne() throws Exception {
        HttpResponse<String> forbidden = get("/v1/documents/salaries", "alice,group:hr");
        HttpResponse<String> missing = get("/v1/documents/salarie5", "alice,group:hr");

        assertThat(forbidden.statusCode()).isEqualTo(404);
        assertThat(forbidden.body().replace("salaries", "salarie5")).isEqualTo(missing.body());
        assertThat(get("/v1/documents/salaries", FINANCE).statusCode()).isEqualTo(200);
        assertThat(get("/v1/documents/salaries", "carol").statusCode()).isEqualTo(200);
    }

    @Test
    void everySearchAndAnswerIsAuditedWithTheUserTheQuestionsHashAndTheDocumentsShown(CapturedOutput output) throws Exception {
        String question = "salary bands for engineers raised percent";
        search(question, "hybrid", 3, "carol");
        answer("By how much were the salary bands for engineers raised?", "carol");

        List<JsonNode> entries = output.getOut().lines().filter(line -> line.contains(QueryAudit.LOGGER))
                .map(line -> json.readTree(line.substring(line.indexOf('{')))).toList();
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.get("action").asText()).isEqualTo("search");
            assertThat(entry.get("user").asText()).isEqualTo("carol");
            assertThat(entry.get("questionSha256").asText()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(question.getBytes(StandardCharsets.UTF_8))));
            assertThat(entry.get("documents").get(0).asText()).isEqualTo("salaries");
        });
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.get("action").asText()).isEqualTo("answer");
            assertThat(entry.get("documents").toString()).contains("salaries");
        });
        assertThat(output.getOut()).as("neither the question nor the token is logged")
                .doesNotContain(question).doesNotContain(tokenFor("carol").substring(0, 40));
    }

    @Test
    void actuatorIsOnItsOwnPortWithHealthDetailsForOperatorsOnlyAndNothingElseExposed() throws Exception {
        search("leave", "vector", 1, null);
        String operator = TOKENS.userToken("olga", List.of("freshet-operators"), Duration.ofMinutes(5));
        String reader = tokenFor(null);

        HttpResponse<String> anonymousHealth = management("/actuator/health", null);
        assertThat(anonymousHealth.statusCode()).isEqualTo(200);
        // DEGRADED: this test runs no Kafka, so the pipeline behind query-service cannot be seen (PipelineHealthIndicator).
        assertThat(anonymousHealth.body()).containsPattern("\"status\":\"(UP|DEGRADED)\"").doesNotContain("openSearch")
                .doesNotContain("9200").doesNotContain("ingest-service");
        assertThat(management("/actuator/health", reader).body()).as("a reader is not an operator").doesNotContain("openSearch");
        assertThat(management("/actuator/health", operator).body()).contains("\"openSearch\"").contains("\"embeddingModel\"");
        // Anyone gets a status (and the group names), no component, path or address; readiness = serving state + what
        // search needs, not Kafka.
        assertThat(json.readTree(anonymousHealth.body()).propertyNames()).containsOnly("status", "groups");
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            assertThat(management(probe, null).body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
        }
        assertThat(json.readTree(management("/actuator/health/readiness", operator).body()).path("components").propertyNames())
                .containsExactlyInAnyOrder("readinessState", "openSearch", "embeddingModel");
        assertThat(json.readTree(management("/actuator/health/liveness", operator).body()).path("components").propertyNames())
                .containsExactly("livenessState");
        assertThat(management("/actuator/health/diskSpace", null).statusCode()).as("a component, anonymously").isEqualTo(404);
        assertThat(management("/actuator/prometheus", null).body())
                .containsPattern("freshet_query_latency_seconds_bucket\\{.*mode=\"vector\"");
        for (String hidden : List.of("/actuator/env", "/actuator/configprops", "/actuator/loggers", "/actuator/heapdump",
                "/actuator/beans", "/actuator/threaddump", "/actuator/info", "/actuator/mappings")) {
            assertThat(management(hidden, operator).statusCode()).as(hidden).isEqualTo(404);
        }
        for (String onApiPort : List.of("/actuator/health", "/actuator/prometheus", "/actuator/env")) {
            assertThat(get(onApiPort, null).statusCode()).as(onApiPort + " on the API's port").isEqualTo(404);
        }
    }

    private HttpResponse<String> management(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertProblem(HttpResponse<String> response, String detailPart) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(response.body()).contains(detailPart);
    }

    private JsonNode search(String query, String mode, int topK, String principals) throws Exception {
        var body = new LinkedHashMap<String, Object>();
        body.put("query", query);
        body.put("topK", topK);
        if (mode != null) {
            body.put("mode", mode);
        }
        HttpResponse<String> response = post("/v1/search", json.writeValueAsString(body), principals);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode answer(String question, String principals) throws Exception {
        HttpResponse<String> response = post("/v1/answer", json.writeValueAsString(Map.of("question", question)), principals);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static List<String> documentIds(JsonNode response) {
        var ids = new ArrayList<String>();
        response.get("hits").forEach(h -> ids.add(h.get("documentId").asText()));
        return ids;
    }

    private HttpResponse<String> post(String path, String body, String principals) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokenFor(principals))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(path, null);
    }

    private HttpResponse<String> get(String path, String principals) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + tokenFor(principals)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A token holding these ACL principals ("alice,group:hr": user alice in group hr); null: a reader with no groups,
     * who holds only their own name and the organisation.
     */
    private static String tokenFor(String principals) {
        String user = "reader";
        List<String> groups = new ArrayList<>();
        for (String principal : principals == null ? new String[0] : principals.split(",")) {
            String p = principal.strip();
            if (p.startsWith(Acl.GROUP_PREFIX)) {
                groups.add(p.substring(Acl.GROUP_PREFIX.length()));
            } else {
                user = p;
            }
        }
        return TOKENS.userToken(user, groups, Duration.ofMinutes(10));
    }
}
