package io.freshet.query.opensearch;

import io.freshet.contract.event.Acl;
import io.freshet.embedding.EmbeddingProperties;
import io.freshet.embedding.OnnxEmbeddingModel;
import io.freshet.infra.EngineFixture;
import io.freshet.pipeline.opensearch.OpenSearchCalls;
import io.freshet.query.retrieval.Candidate;
import io.freshet.query.retrieval.Passage;
import io.freshet.query.retrieval.Retrieval;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenSearch adapter against a real node, with the requests it sends recorded: ranked lists carry ids and scores
 * only, the passages of the kept ids come with their text and never the vector, and reading by id filters again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSearchChunkSearcherTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CHUNKS = "it-searcher-chunks-" + RUN;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

    private OnnxEmbeddingModel model;
    private RecordingTransport transport;
    private OpenSearchChunkSearcher searcher;

    @BeforeAll
    void index() throws Exception {
        model = OnnxEmbeddingModel.bgeSmall(EmbeddingProperties.defaults());
        transport = new RecordingTransport(ApacheHttpClient5TransportBuilder
                .builder(HttpHost.create(EngineFixture.shared().openSearchUrl())).build());
        OpenSearchClient client = new OpenSearchClient(transport);
        var index = new TestIndex(client, model, CHUNKS, "it-searcher-status-" + RUN, CLOCK);
        index.put("leave", "Leave policy", "Employees are entitled to 25 days of paid annual leave per year.", Acl.publicAcl());
        index.put("parental", "Parental leave", "Parents receive 16 weeks of paid parental leave.", Acl.publicAcl());
        index.put("salaries", "Salary review", "The salary bands and the annual leave of engineers were reviewed.",
                Acl.restrictedTo("group:finance"));
        searcher = new OpenSearchChunkSearcher(client, CHUNKS, 0, new OpenSearchCalls(CircuitBreaker.ofDefaults("searcher")));
    }

    @AfterAll
    void close() throws Exception {
        model.close();
        transport.close();
    }

    @BeforeEach
    void forgetRequests() {
        transport.clear();
    }

    @Test
    void theRankedListsAskForIdsAndScoresOnlyNeverTextOrVectors() {
        Retrieval ranked = searcher.search("annual leave", model.embedQuery("annual leave"), 50, 100, Set.of());

        assertThat(ranked.lexical()).extracting(Candidate::chunkId).containsExactlyInAnyOrder("leave#0", "parental#0");
        assertThat(ranked.vector()).extracting(Candidate::chunkId).containsExactlyInAnyOrder("leave#0", "parental#0");
        assertThat(transport.bodies()).as("one body per list").hasSize(2).allSatisfy(body -> assertThat(body)
                .contains("\"_source\":false")
                .contains("\"track_total_hits\":false")
                .contains("acl_public"));
    }

    @Test
    void thePassagesOfTheKeptIdsComeWithTheirTextAndNeverTheVector() {
        List<Passage> passages = searcher.passages(List.of("parental#0", "leave#0"), Set.of());

        assertThat(passages).extracting(Passage::chunkId).containsExactlyInAnyOrder("leave#0", "parental#0");
        Passage leave = passages.stream().filter(p -> p.chunkId().equals("leave#0")).findFirst().orElseThrow();
        assertThat(leave.text()).contains("25 days of paid annual leave");
        assertThat(leave.title()).isEqualTo("Leave policy");
        assertThat(leave.url()).isEqualTo("https://intranet/leave");
        assertThat(leave.acl().isPublic()).isTrue();
        assertThat(transport.bodies()).singleElement().satisfies(body -> assertThat(body)
                .contains("\"includes\":[").doesNotContain("embedding").contains("acl_public"));
    }

    @Test
    void readingByIdAppliesTheCallersFilterAgainAndSkipsWhatIsGone() {
        List<String> ids = List.of("salaries#0", "leave#0", "deleted#0");

        assertThat(searcher.passages(ids, Set.of())).extracting(Passage::chunkId).containsExactly("leave#0");
        assertThat(searcher.passages(ids, Set.of("bob", "group:hr"))).extracting(Passage::chunkId).containsExactly("leave#0");
        assertThat(searcher.passages(ids, Set.of("carol", "group:finance"))).extracting(Passage::chunkId)
                .containsExactlyInAnyOrder("salaries#0", "leave#0");
    }
}
