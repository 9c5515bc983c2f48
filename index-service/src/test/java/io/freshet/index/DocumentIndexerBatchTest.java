package io.freshet.index;

import io.freshet.contract.event.Acl;
import io.freshet.contract.index.ModelCatalog;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedChunk;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.Operation;
import io.freshet.contract.failure.PoisonEventException;
import io.freshet.pipeline.opensearch.OpenSearchCalls;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.freshet.index.DocumentIndexerOpenSearchTest.CHUNKS;
import static io.freshet.index.DocumentIndexerOpenSearchTest.STATUS;
import static io.freshet.index.DocumentIndexerOpenSearchTest.chunkTexts;
import static io.freshet.index.DocumentIndexerOpenSearchTest.pendingVerdict;
import static io.freshet.index.IndexPlannerTest.delete;
import static io.freshet.index.IndexPlannerTest.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Many events in one call, against a real OpenSearch + k-NN node: one status read, one _bulk, the same end state. */
class DocumentIndexerBatchTest {

    private static CountingStore store;
    private static DocumentIndexer indexer;
    private static final List<DocumentStatus> FEED = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void writer() {
        DocumentIndexerOpenSearchTest.indices();
        store = new CountingStore();
        indexer = new DocumentIndexer(new IndexPlanner(DocumentIndexerOpenSearchTest.DIMS, Clock.systemUTC()), store,
                FEED::add, new IndexMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    }

    @Test
    void aBatchIsOneStatusReadAndOneBulkAndEndsWhereTheEventsOneByOneWouldEnd() throws IOException {
        List<IndexEvent> events = List.of(
                verdict(pendingVerdict("b-grow", 1)), embedded(upsert("b-grow", 1, 3)),
                embedded(upsert("b-stale", 2, 2)),
                verdict(pendingVerdict("b-grow", 2)), embedded(upsert("b-grow", 2, 1)),
                embedded(upsert("b-stale", 1, 3)),
                embedded(upsert("b-del", 1, 2)), embedded(delete("b-del", 2)),
                verdict(pendingVerdict("b-new", 1)),
                embedded(upsert("b-later", 1, 1)), verdict(pendingVerdict("b-later", 2)));
        store.reset();

        List<IndexPlan> plans = indexer.indexAll(events);

        assertThat(store.reads.get()).as("status reads").isEqualTo(1);
        assertThat(store.bulks.get()).as("_bulk requests").isEqualTo(1);
        assertThat(plans.get(5)).as("v1 after v2 in the same batch").isInstanceOf(IndexPlan.Skip.class);
        assertThat(chunkTexts("b-grow")).as("grew then shrank within the batch").containsExactly("text 0 of v2");
        assertThat(chunkTexts("b-stale")).containsExactlyInAnyOrder("text 0 of v2", "text 1 of v2");
        assertThat(chunkTexts("b-del")).isEmpty();
        assertThat(chunkTexts("b-later")).as("PENDING keeps the indexed text searchable").containsExactly("text 0 of v1");
        assertState("b-grow", DocumentState.INDEXED, 2, 1);
        assertState("b-stale", DocumentState.INDEXED, 2, 2);
        assertState("b-del", DocumentState.DELETED, 2, 0);
        assertState("b-new", DocumentState.PENDING, 1, 0);
        assertState("b-later", DocumentState.PENDING, 2, 1);
        assertThat(FEED).filteredOn(s -> s.id().equals("b-grow")).extracting(DocumentStatus::version).contains(2L);
    }

    @Test
    void aPoisonEventStopsTheBatchThereAndTheEventsBeforeItAreApplied() throws IOException {
        indexer.index(upsert("p-owned", 1, 1));
        var intruder = new EmbeddedDocument(new DocumentHeader("p-owned", "intruder", 9, Operation.UPSERT, "x", null, null,
                Map.of(), Acl.publicAcl(), Instant.now()), "h", "m", List.of(new EmbeddedChunk(0, "mine now", null, null,
                new float[] {1, 0, 0, 0})));

        assertThatThrownBy(() -> indexer.indexAll(List.of(embedded(upsert("p-before", 1, 2)), embedded(intruder),
                embedded(upsert("p-after", 1, 1)))))
                .isInstanceOfSatisfying(IndexingFailure.class, failure -> {
                    assertThat(failure.eventIndex()).isEqualTo(1);
                    assertThat(failure.getCause()).isInstanceOf(PoisonEventException.class).hasMessageContaining("intruder");
                });

        assertThat(chunkTexts("p-before")).hasSize(2);
        assertThat(chunkTexts("p-owned")).containsExactly("text 0 of v1");
        assertThat(store.status("p-after")).as("after the poison event: delivered again, not applied now").isEmpty();
    }

    @Test
    void aWriteOpenSearchRefusesFailsItsOwnEventWhichIsRecordedRejected() throws IOException {
        var refused = upsert("r-refused", 1, 1);
        refused = new EmbeddedDocument(refused.document(), refused.contentHash(), refused.model(), List.of(
                new EmbeddedChunk(0, "bad vector", null, null, new float[] {Float.NaN, 0, 0, 0})));
        EmbeddedDocument bad = refused;

        assertThatThrownBy(() -> indexer.indexAll(List.of(embedded(upsert("r-before", 1, 1)), embedded(bad),
                embedded(upsert("r-after", 1, 1)))))
                .isInstanceOfSatisfying(IndexingFailure.class, failure -> {
                    assertThat(failure.eventIndex()).isEqualTo(1);
                    assertThat(failure.getCause()).isInstanceOf(VersionNotIndexableException.class)
                            .hasMessageContaining("r-refused#0");
                });

        assertState("r-before", DocumentState.INDEXED, 1, 1);
        assertThat(store.status("r-refused")).get().extracting(DocumentStatus::state).isEqualTo(DocumentState.REJECTED);
        assertThat(chunkTexts("r-refused")).isEmpty();
    }

    @Test
    void theChunkIndexRefreshIntervalCanBeSlowedAndRestored() throws IOException {
        store.setChunkRefreshInterval(Duration.ofSeconds(10), false);
        assertThat(refreshInterval()).isEqualTo("10000ms");

        store.setChunkRefreshInterval(Duration.ofSeconds(1), true);
        assertThat(refreshInterval()).isEqualTo("1000ms");
    }

    private static String refreshInterval() throws IOException {
        return DocumentIndexerOpenSearchTest.client.indices().getSettings(g -> g.index(CHUNKS).flatSettings(true))
                .get(ModelCatalog.indexOf(CHUNKS, ModelCatalog.DEFAULT_ID)).settings().refreshInterval().time(); // CHUNKS is its alias
    }

    private static void assertState(String id, DocumentState state, long version, int chunks) {
        assertThat(store.status(id)).as(id).get()
                .extracting(DocumentStatus::state, DocumentStatus::version, DocumentStatus::chunks)
                .containsExactly(state, version, chunks);
    }

    private static IndexEvent embedded(EmbeddedDocument event) {
        return new IndexEvent.Embedded(event);
    }

    private static IndexEvent verdict(DocumentStatus verdict) {
        return new IndexEvent.Verdict(verdict);
    }

    /** The real store, counting the requests the indexer makes. */
    private static final class CountingStore extends OpenSearchIndexStore {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger bulks = new AtomicInteger();

        CountingStore() {
            super(DocumentIndexerOpenSearchTest.client, CHUNKS, STATUS, new OpenSearchCalls(CircuitBreaker.ofDefaults("batch")));
        }

        void reset() {
            reads.set(0);
            bulks.set(0);
        }

        @Override
        public Map<String, DocumentStatus> statuses(Collection<String> documentIds) {
            reads.incrementAndGet();
            return super.statuses(documentIds);
        }

        @Override
        public java.util.Optional<DocumentStatus> status(String documentId) {
            reads.incrementAndGet();
            return super.status(documentId);
        }

        @Override
        public List<Written> write(List<IndexPlan> plans) {
            bulks.incrementAndGet();
            return super.write(new ArrayList<>(plans));
        }
    }
}
