package io.freshet.query.opensearch;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.EmbeddedChunk;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.Operation;
import io.freshet.embedding.EmbeddingModel;
import io.freshet.index.DocumentIndexer;
import io.freshet.infra.EngineFixture;
import io.freshet.infra.LocalTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak suite: several people and groups, documents shared with the public, a group, a person, the whole
 * organisation or nobody, generated from a fixed seed, written by index-service's real writer into a real OpenSearch,
 * and read through every query path of the real service with real tokens. No response (hits, answer text,
 * citations, snippets, status) may carry the id, title, url or text of a document its caller may not read: before,
 * after ACLs are narrowed in place (no re-embedding) and after deletes. The oracle is written out here, independently
 * of the service's own permission code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeakSuiteTest {

    private static final long SEED = 20261202L;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CHUNKS = "it-leak-chunks-" + RUN;
    private static final String STATUS = "it-leak-status-" + RUN;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private static final LocalTokenIssuer TOKENS = LocalTokenIssuer.start(
            Path.of(System.getProperty("java.io.tmpdir"), "freshet-leak-suite-issuer"), 0);

    /** People and their groups; each holds their name, group:<g> per group and the organisation. */
    private static final Map<String, List<String>> PEOPLE = Map.of(
            "alice", List.of("hr"),
            "bob", List.of("finance"),
            "carol", List.of("hr", "finance"),
            "dave", List.of(),
            "erin", List.of("engineering", "hr-admins"));
    private static final List<String> TOPICS = List.of("parental leave", "travel expenses", "salary bands",
            "laptop security", "office parking", "pension contributions", "incident response", "holiday calendar");
    private static final List<Acl> SHARINGS = List.of(
            Acl.publicAcl(),
            Acl.restrictedTo("group:hr"),
            Acl.restrictedTo("group:finance"),
            Acl.restrictedTo("alice"),
            Acl.restrictedTo("bob", "group:engineering"),
            Acl.restrictedTo(Acl.EVERYONE_IN_ORGANISATION),
            new Acl(false, List.of()),
            Acl.restrictedTo("group:hr-admin"), // a prefix of a group someone has, and a near-miss of it
            Acl.restrictedTo("HR"));            // principals are exact: neither user "HR" nor group:hr

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("freshet.opensearch.url", () -> EngineFixture.shared().openSearchUrl());
        registry.add("freshet.opensearch.chunk-index", () -> CHUNKS);
        registry.add("freshet.opensearch.status-index", () -> STATUS);
        registry.add("management.server.port", () -> "0");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TOKENS::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TOKENS::jwkSetUri);
    }

    @Autowired
    OpenSearchClient client;
    @Autowired
    EmbeddingModel model;
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Random random = new Random(SEED);
    private final Map<String, Doc> docs = new LinkedHashMap<>();
    private final Set<String> deleted = new HashSet<>();
    private DocumentIndexer indexer;

    /** A generated document: every string that identifies it carries its own marker, so a leak is found by search. */
    private record Doc(String id, String marker, String topic, String text, Acl acl, float[] vector, long version) {

        Doc withAcl(Acl narrower, long newVersion) {
            return new Doc(id, marker, topic, text, narrower, vector, newVersion);
        }

        String title() {
            return "Note " + marker + " on " + topic;
        }
    }

    @BeforeAll
    void indexGeneratedDocuments() {
        indexer = new TestIndex(client, model, CHUNKS, STATUS, CLOCK).indexer();

        List<Doc> generated = new ArrayList<>();
        for (int n = 0; n < 36; n++) {
            String marker = "qx" + Integer.toString(1000 + n, 36) + "z"; // a token no other document contains
            String topic = TOPICS.get(random.nextInt(TOPICS.size()));
            String text = "This note " + marker + " explains the " + topic + " rules. Staff must follow the " + topic
                    + " guidance, reference " + marker + ", approved in " + (2000 + random.nextInt(26)) + ".";
            Acl acl = n < SHARINGS.size() ? SHARINGS.get(n) : SHARINGS.get(random.nextInt(SHARINGS.size()));
            generated.add(new Doc("leak/" + marker, marker, topic, text, acl, null, 1));
        }
        List<float[]> vectors = model.embedPassages(generated.stream().map(Doc::text).toList());
        for (int i = 0; i < generated.size(); i++) {
            Doc doc = generated.get(i);
            Doc embedded = new Doc(doc.id(), doc.marker(), doc.topic(), doc.text(), doc.acl(), vectors.get(i), 1);
            docs.put(doc.id(), embedded);
            indexer.index(new EmbeddedDocument(header(embedded, Operation.UPSERT), hash(embedded), "test-model",
                    List.of(new EmbeddedChunk(0, embedded.text(), null, null, embedded.vector()))));
        }
        refresh();
    }

    @AfterAll
    void stopIssuer() {
        TOKENS.close();
    }

    @Test
    void noPathShowsACallerAnythingTheyMayNotRead() throws Exception {
        checkEveryPath("as written");

        // Narrow a third of the documents in place: same text, new version, new ACL; no re-embedding.
        List<String> ids = new ArrayList<>(docs.keySet());
        for (int i = 0; i < ids.size(); i += 3) {
            Doc doc = docs.get(ids.get(i));
            Doc narrowed = doc.withAcl(narrower(doc.acl()), doc.version() + 1);
            docs.put(doc.id(), narrowed);
            indexer.index(EmbeddedDocument.unchanged(header(narrowed, Operation.UPSERT), hash(narrowed)));
        }
        refresh();
        checkEveryPath("after narrowing");

        // Delete some documents that everyone could read.
        for (Doc doc : List.copyOf(docs.values())) {
            if (doc.acl().isPublic() || doc.acl().principals().contains(Acl.EVERYONE_IN_ORGANISATION)) {
                deleted.add(doc.id());
                indexer.index(EmbeddedDocument.deletion(header(doc.withAcl(doc.acl(), doc.version() + 1), Operation.DELETE)));
            }
        }
        assertThat(deleted).isNotEmpty();
        refresh();
        checkEveryPath("after deletes");
    }

    private void checkEveryPath(String stage) throws Exception {
        int visibleSomewhere = 0;
        for (Map.Entry<String, List<String>> person : PEOPLE.entrySet()) {
            String token = TOKENS.userToken(person.getKey(), person.getValue(), Duration.ofMinutes(10));
            Set<String> held = held(person.getKey(), person.getValue());
            List<String> queries = new ArrayList<>(TOPICS);
            List<Doc> all = new ArrayList<>(docs.values());
            for (int i = 0; i < 8; i++) { // ask for documents by their own words
                queries.add(all.get(random.nextInt(all.size())).marker());
            }
            for (String query : queries) {
                for (String mode : List.of("lexical", "vector", "hybrid")) {
                    String body = post(token, "/v1/search", Map.of("query", query, "topK", 20, "mode", mode));
                    assertNoLeak(stage + ", " + person.getKey() + " searching '" + query + "' (" + mode + ")", body, held);
                    visibleSomewhere += body.contains("\"documentId\"") ? 1 : 0;
                }
                String answer = post(token, "/v1/answer", Map.of("question", "What do the " + query + " rules say?", "topK", 10));
                assertNoLeak(stage + ", " + person.getKey() + " asking about '" + query + "'", answer, held);
            }
            for (Doc doc : docs.values()) {
                HttpResponse<String> status = get(token, "/v1/documents/" + URLEncoder.encode(doc.id(), StandardCharsets.UTF_8)
                        .replace("%2F", "/"));
                assertThat(status.statusCode()).as(stage + ": status of " + doc.id() + " for " + person.getKey())
                        .isEqualTo(readable(doc.acl(), held) ? 200 : 404);
                if (status.statusCode() == 404) {
                    assertThat(status.body()).doesNotContain(doc.title()).doesNotContain("INDEXED").doesNotContain("DELETED");
                }
            }
        }
        assertThat(visibleSomewhere).as("the suite must see readable documents, or it proves nothing").isPositive();
    }

    /** Nothing of a document the caller may not read, nor of a deleted one, appears anywhere in the response. */
    private void assertNoLeak(String what, String response, Set<String> held) {
        for (Doc doc : docs.values()) {
            if (!readable(doc.acl(), held) || deleted.contains(doc.id())) {
                assertThat(response).as(what + " must not show " + doc.id() + " (" + doc.acl() + ")")
                        .doesNotContain(doc.marker());
            }
        }
    }

    /** The oracle, independent of the service: public, or one of the listed principals is held exactly. */
    private static boolean readable(Acl acl, Set<String> held) {
        return acl.isPublic() || acl.principals().stream().anyMatch(held::contains);
    }

    private static Set<String> held(String user, List<String> groups) {
        Set<String> held = new HashSet<>();
        held.add(user);
        groups.forEach(g -> held.add("group:" + g));
        held.add(Acl.EVERYONE_IN_ORGANISATION);
        return held;
    }

    private Acl narrower(Acl acl) {
        if (acl.isPublic()) {
            return Acl.restrictedTo(Acl.EVERYONE_IN_ORGANISATION);
        }
        if (acl.principals().size() > 1) {
            return Acl.restrictedTo(acl.principals().get(random.nextInt(acl.principals().size())));
        }
        return acl.principals().contains(Acl.EVERYONE_IN_ORGANISATION) ? Acl.restrictedTo("group:finance")
                : new Acl(false, List.of());
    }

    private static DocumentHeader header(Doc doc, Operation op) {
        return new DocumentHeader(doc.id(), "leak-suite", doc.version(), op, doc.title(),
                "https://intranet.example.com/" + doc.marker(), "text/plain", Map.of("ref", doc.marker()), doc.acl(),
                CLOCK.instant());
    }

    private static String hash(Doc doc) {
        return "hash-" + doc.marker();
    }

    private void refresh() {
        try {
            client.indices().refresh(r -> r.index(CHUNKS, STATUS));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String post(String token, String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
