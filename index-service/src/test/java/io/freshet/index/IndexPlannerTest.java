package io.freshet.index;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedChunk;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.Operation;
import io.freshet.contract.index.ChunkIndex;
import io.freshet.contract.failure.PoisonEventException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexPlannerTest {

    private static final int DIMS = 4;
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant OCCURRED = Instant.parse("2026-01-02T03:04:00Z");
    private static final Acl READERS = Acl.restrictedTo("alice", "group:hr");

    private final IndexPlanner planner = new IndexPlanner(DIMS, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void firstUpsertWritesEveryChunkAndAnIndexedStatusAndSweepsBecauseNothingIsKnown() {
        IndexPlan plan = planner.plan(upsert("doc", 3, 3), Optional.empty());

        IndexPlan.Apply apply = (IndexPlan.Apply) plan;
        assertThat(apply.chunks()).extracting(ChunkDocument::id).containsExactly("doc#0", "doc#1", "doc#2");
        assertThat(apply.deletions()).isEmpty();
        assertThat(apply.status()).isEqualTo(new DocumentStatus("doc", 3, DocumentState.INDEXED, 3, null, "hash-3", NOW, "wiki", READERS));
        assertThat(apply.sweepOtherVersions()).isTrue();
        assertThat(apply.occurredAt()).isEqualTo(OCCURRED);
    }

    @Test
    void chunkDocumentsCarryEveryFieldTheQuerySideReads() {
        var apply = (IndexPlan.Apply) planner.plan(upsert("doc", 7, 1), Optional.empty());
        Map<String, Object> source = apply.chunks().get(0).source();

        assertThat(source)
                .containsEntry(ChunkIndex.CHUNK_ID, "doc#0")
                .containsEntry(ChunkIndex.DOCUMENT_ID, "doc")
                .containsEntry(ChunkIndex.VERSION, 7L)
                .containsEntry(ChunkIndex.SOURCE, "wiki")
                .containsEntry(ChunkIndex.TITLE, "Title doc")
                .containsEntry(ChunkIndex.URL, "https://example.org/doc")
                .containsEntry(ChunkIndex.CONTENT_TYPE, "text/plain")
                .containsEntry(ChunkIndex.CHUNK_NUMBER, 0)
                .containsEntry(ChunkIndex.TEXT, "text 0 of v7")
                .containsEntry(ChunkIndex.METADATA, Map.of("team", "hr"))
                .containsEntry(ChunkIndex.ACL_PUBLIC, false)
                .containsEntry(ChunkIndex.ACL_PRINCIPALS, List.of("alice", "group:hr"))
                .containsEntry(ChunkIndex.PAGE, 1)
                .containsEntry(ChunkIndex.ORIGIN, "attachment: a.pdf")
                .containsEntry(ChunkIndex.CONTENT_HASH, "hash-7")
                .containsEntry(ChunkIndex.EVENT_TIME, OCCURRED.toString())
                .containsEntry(ChunkIndex.INDEXED_AT, NOW.toString());
        assertThat((float[]) source.get(ChunkIndex.EMBEDDING)).hasSize(DIMS);
    }

    @Test
    void aShrinkingDocumentDeletesItsSurplusChunksById() {
        var current = Optional.of(indexed("doc", 1, 5));

        var apply = (IndexPlan.Apply) planner.plan(upsert("doc", 2, 2), current);

        assertThat(apply.chunks()).extracting(ChunkDocument::id).containsExactly("doc#0", "doc#1");
        assertThat(apply.deletions()).containsExactly("doc#2", "doc#3", "doc#4");
        assertThat(apply.status().chunks()).isEqualTo(2);
        assertThat(apply.sweepOtherVersions()).isFalse();
    }

    @Test
    void aGrowingDocumentDeletesNothing() {
        var apply = (IndexPlan.Apply) planner.plan(upsert("doc", 2, 4), Optional.of(indexed("doc", 1, 2)));

        assertThat(apply.chunks()).hasSize(4);
        assertThat(apply.deletions()).isEmpty();
    }

    @Test
    void aDeleteRemovesEveryChunkAndLeavesATombstone() {
        var apply = (IndexPlan.Apply) planner.plan(delete("doc", 4), Optional.of(indexed("doc", 3, 3)));

        assertThat(apply.chunks()).isEmpty();
        assertThat(apply.deletions()).containsExactly("doc#0", "doc#1", "doc#2");
        assertThat(apply.status()).isEqualTo(new DocumentStatus("doc", 4, DocumentState.DELETED, 0, null, null, NOW, "wiki", READERS));
    }

    @Test
    void anUpsertOlderThanTheTombstoneChangesNothing() {
        var tombstone = new DocumentStatus("doc", 4, DocumentState.DELETED, 0, null, null, NOW);

        IndexPlan plan = planner.plan(upsert("doc", 3, 2), Optional.of(tombstone));

        assertThat(plan).isEqualTo(new IndexPlan.Skip("doc", 3, IndexPlan.SkipReason.STALE, 4));
    }

    @Test
    void anOlderVersionChangesNothing() {
        IndexPlan plan = planner.plan(upsert("doc", 1, 9), Optional.of(indexed("doc", 2, 3)));

        assertThat(plan).isEqualTo(new IndexPlan.Skip("doc", 1, IndexPlan.SkipReason.STALE, 2));
    }

    @Test
    void aRedeliveryOfTheIndexedVersionChangesNothing() {
        IndexPlan plan = planner.plan(upsert("doc", 2, 3), Optional.of(indexed("doc", 2, 3)));

        assertThat(plan).isEqualTo(new IndexPlan.Skip("doc", 2, IndexPlan.SkipReason.ALREADY_APPLIED, 2));
    }

    @Test
    void aRedeliveryOfADeleteChangesNothing() {
        var tombstone = new DocumentStatus("doc", 4, DocumentState.DELETED, 0, null, null, NOW);

        assertThat(planner.plan(delete("doc", 4), Optional.of(tombstone)))
                .isInstanceOf(IndexPlan.Skip.class);
    }

    @Test
    void theSameVersionIsReappliedWhenTheEarlierAttemptDidNotFinish() {
        var pending = new DocumentStatus("doc", 2, DocumentState.PENDING, 0, null, null, NOW);

        var apply = (IndexPlan.Apply) planner.plan(upsert("doc", 2, 3), Optional.of(pending));

        assertThat(apply.chunks()).hasSize(3);
        assertThat(apply.status().state()).isEqualTo(DocumentState.INDEXED);
        assertThat(apply.sweepOtherVersions()).as("a PENDING record does not account for the chunks").isTrue();
    }

    @Test
    void anUpsertWithoutChunksIsRejectedAndTakesTheOldChunksAway() {
        var apply = (IndexPlan.Apply) planner.plan(upsert("doc", 5, 0), Optional.of(indexed("doc", 4, 2)));

        assertThat(apply.chunks()).isEmpty();
        assertThat(apply.deletions()).containsExactly("doc#0", "doc#1");
        assertThat(apply.status().state()).isEqualTo(DocumentState.REJECTED);
        assertThat(apply.status().reason()).isEqualTo("no text: nothing to index");
        assertThat(apply.status().chunks()).isZero();
    }

    @Test
    void aNewerRejectionRemovesTheIndexedChunksAndRecordsTheReason() {
        var verdict = new DocumentStatus("doc", 6, DocumentState.REJECTED, 0, "encrypted PDF: no password", null, NOW);

        var apply = (IndexPlan.Apply) planner.planVerdict(verdict, Optional.of(indexed("doc", 5, 3)));

        assertThat(apply.deletions()).containsExactly("doc#0", "doc#1", "doc#2");
        assertThat(apply.status()).isEqualTo(
                new DocumentStatus("doc", 6, DocumentState.REJECTED, 0, "encrypted PDF: no password", null, NOW));
    }

    @Test
    void anOlderOrEqualRejectionChangesNothing() {
        var older = new DocumentStatus("doc", 4, DocumentState.REJECTED, 0, "corrupt", null, NOW);
        var equal = new DocumentStatus("doc", 5, DocumentState.REJECTED, 0, "corrupt", null, NOW);

        assertThat(planner.planVerdict(older, Optional.of(indexed("doc", 5, 3))))
                .isEqualTo(new IndexPlan.Skip("doc", 4, IndexPlan.SkipReason.STALE, 5));
        assertThat(planner.planVerdict(equal, Optional.of(indexed("doc", 5, 3))))
                .isEqualTo(new IndexPlan.Skip("doc", 5, IndexPlan.SkipReason.ALREADY_APPLIED, 5));
    }

    @Test
    void verdictsOtherThanRejectionAreNotRecorded() {
        var indexed = new DocumentStatus("doc", 9, DocumentState.INDEXED, 2, null, null, NOW);

        assertThat(planner.planVerdict(indexed, Optional.empty())).isInstanceOf(IndexPlan.Skip.class);
    }

    @Test
    void aPendingVerdictIsAConditionalWriteThatNeedsNoRead() {
        // Whether the version is newer is checked by OpenSearch as it writes (DocumentIndexerOpenSearchTest).
        var accepted = new DocumentStatus("doc", 2, DocumentState.PENDING, 0, null, null, NOW, "wiki",
                Acl.restrictedTo("group:hr"));

        assertThat(IndexPlanner.needsRecord(accepted)).isFalse();
        assertThat(planner.planVerdict(accepted, Optional.empty()))
                .isEqualTo(new IndexPlan.MarkPending("doc", 2, NOW, "wiki", Acl.restrictedTo("group:hr")));
        assertThat(IndexPlanner.needsRecord(new DocumentStatus("doc", 2, DocumentState.REJECTED, 0, "x", null, NOW)))
                .isTrue();
    }

    @Test
    void theEmbeddedVersionAPendingRecordWaitsForIsApplied() {
        var apply = (IndexPlan.Apply) planner.plan(upsert("doc", 2, 3), Optional.of(pending("doc", 2, 3, "hash-1")));

        assertThat(apply.chunks()).extracting(ChunkDocument::id).containsExactly("doc#0", "doc#1", "doc#2");
        assertThat(apply.status()).isEqualTo(new DocumentStatus("doc", 2, DocumentState.INDEXED, 3, null, "hash-2", NOW, "wiki", READERS));
    }

    @Test
    void aShrinkAfterAPendingRecordStillDeletesTheSurplusChunksById() {
        var apply = (IndexPlan.Apply) planner.plan(upsert("doc", 2, 2), Optional.of(pending("doc", 2, 5, "hash-1")));

        assertThat(apply.deletions()).containsExactly("doc#2", "doc#3", "doc#4");
        assertThat(apply.sweepOtherVersions()).isTrue();
        assertThat(apply.firstChunkNotCovered()).as("leftovers are probed past the chunks the record knows").isEqualTo(5);
    }

    @Test
    void pendingThenIndexedThroughTheWholeSequence() {
        // v1 indexed with 4 chunks, then the record the store's conditional PENDING write leaves for v2.
        Optional<DocumentStatus> record = Optional.of(pending("doc", 2, 4, "hash-1"));

        IndexPlan embedded = planner.plan(upsert("doc", 2, 1), record);
        assertThat(((IndexPlan.Apply) embedded).deletions()).containsExactly("doc#1", "doc#2", "doc#3");
        record = Optional.of(embedded.status());
        assertThat(record.get()).isEqualTo(new DocumentStatus("doc", 2, DocumentState.INDEXED, 1, null, "hash-2", NOW, "wiki", READERS));

        assertThat(planner.plan(upsert("doc", 2, 1), record)).as("redelivery after the INDEXED write")
                .isEqualTo(new IndexPlan.Skip("doc", 2, IndexPlan.SkipReason.ALREADY_APPLIED, 2));
    }

    @Test
    void aRejectionOfThePendingVersionIsRecordedAndTakesTheOldChunksAway() {
        var verdict = new DocumentStatus("doc", 2, DocumentState.REJECTED, 0, "too many chunks", null, NOW);

        var apply = (IndexPlan.Apply) planner.planVerdict(verdict, Optional.of(pending("doc", 2, 3, "hash-1")));

        assertThat(apply.deletions()).containsExactly("doc#0", "doc#1", "doc#2");
        assertThat(apply.status()).isEqualTo(new DocumentStatus("doc", 2, DocumentState.REJECTED, 0, "too many chunks", null, NOW));
    }

    @Test
    void anUnchangedTextMovesTheIndexedChunksToTheNewVersionWithItsHeader() {
        var header = new DocumentHeader("doc", "wiki", 2, Operation.UPSERT, null, "https://example.org/doc-moved",
                "text/plain", Map.of("team", "finance"), Acl.publicAcl(), OCCURRED);

        var update = (IndexPlan.UpdateHeaders) planner.plan(EmbeddedDocument.unchanged(header, "hash-1"),
                Optional.of(indexed("doc", 1, 3)));

        assertThat(update.chunkIds()).containsExactly("doc#0", "doc#1", "doc#2");
        assertThat(update.contentHash()).isEqualTo("hash-1");
        assertThat(update.fields())
                .containsEntry(ChunkIndex.VERSION, 2L)
                .containsEntry(ChunkIndex.URL, "https://example.org/doc-moved")
                .containsEntry(ChunkIndex.TITLE, null)
                .containsEntry(ChunkIndex.METADATA, Map.of("team", "finance"))
                .containsEntry(ChunkIndex.ACL_PUBLIC, true)
                .containsEntry(ChunkIndex.ACL_PRINCIPALS, List.of())
                .containsEntry(ChunkIndex.EVENT_TIME, OCCURRED.toString())
                .containsEntry(ChunkIndex.INDEXED_AT, NOW.toString())
                .doesNotContainKeys(ChunkIndex.TEXT, ChunkIndex.EMBEDDING, ChunkIndex.CONTENT_HASH);
        assertThat(update.status()).isEqualTo(new DocumentStatus("doc", 2, DocumentState.INDEXED, 3, null, "hash-1", NOW, "wiki", Acl.publicAcl()));
    }

    @Test
    void anUnchangedTextAfterAPendingRecordIsRelabelledToo() {
        var event = EmbeddedDocument.unchanged(header("doc", 2, Operation.UPSERT), "hash-1");

        IndexPlan plan = planner.plan(event, Optional.of(pending("doc", 2, 3, "hash-1")));

        assertThat(plan).isInstanceOf(IndexPlan.UpdateHeaders.class);
        assertThat(plan.status().state()).isEqualTo(DocumentState.INDEXED);
    }

    @Test
    void anUnchangedTextThatIsStaleOrRedeliveredChangesNothing() {
        var current = Optional.of(indexed("doc", 3, 2));

        assertThat(planner.plan(EmbeddedDocument.unchanged(header("doc", 2, Operation.UPSERT), "hash-3"), current))
                .isEqualTo(new IndexPlan.Skip("doc", 2, IndexPlan.SkipReason.STALE, 3));
        assertThat(planner.plan(EmbeddedDocument.unchanged(header("doc", 3, Operation.UPSERT), "hash-3"), current))
                .isEqualTo(new IndexPlan.Skip("doc", 3, IndexPlan.SkipReason.ALREADY_APPLIED, 3));
    }

    @Test
    void anUnchangedClaimTheRecordContradictsIsNotIndexableAndIsRecordedAsRejected() {
        // Text A -> B -> A in quick succession: v3 was found unchanged against v1 while v2 was in flight.
        var event = EmbeddedDocument.unchanged(header("doc", 3, Operation.UPSERT), "hash-1");
        var current = Optional.of(indexed("doc", 2, 4));

        assertThatThrownBy(() -> planner.plan(event, current))
                .isInstanceOf(VersionNotIndexableException.class)
                .hasMessageContaining("doc v3").hasMessageContaining("INDEXED v2").hasMessageContaining("send the document again");
        for (var contradicting : List.of(
                new DocumentStatus("doc", 2, DocumentState.REJECTED, 0, "corrupt", null, NOW),
                new DocumentStatus("doc", 2, DocumentState.PENDING, 0, null, null, NOW))) {
            assertThatThrownBy(() -> planner.plan(event, Optional.of(contradicting))).isInstanceOf(VersionNotIndexableException.class);
        }
        assertThatThrownBy(() -> planner.plan(event, Optional.empty())).isInstanceOf(VersionNotIndexableException.class);

        var rejection = planner.planFailure(event, current, "not indexed: because").orElseThrow();
        assertThat(rejection.deletions()).containsExactly("doc#0", "doc#1", "doc#2", "doc#3");
        assertThat(rejection.status()).isEqualTo(new DocumentStatus("doc", 3, DocumentState.REJECTED, 0, "not indexed: because", null,
                NOW, "wiki", READERS));
    }

    @Test
    void aFailureOfAVersionThatIsNoLongerTheNewestRecordsNothing() {
        assertThat(planner.planFailure(upsert("doc", 2, 3), Optional.of(indexed("doc", 3, 1)), "refused")).isEmpty();
        assertThat(planner.planFailure(upsert("doc", 4, 6), Optional.of(indexed("doc", 3, 1)), "refused").orElseThrow()
                .deletions()).as("whatever the failed write may have left").hasSize(6);
    }

    @Test
    void aRedeliveredVersionWithoutTextChangesNothing() {
        var rejected = new DocumentStatus("doc", 5, DocumentState.REJECTED, 0, IndexPlanner.NO_TEXT, "hash-5", NOW);

        assertThat(planner.plan(upsert("doc", 5, 0), Optional.of(rejected)))
                .isEqualTo(new IndexPlan.Skip("doc", 5, IndexPlan.SkipReason.ALREADY_APPLIED, 5));
    }

    @Test
    void aVectorOfTheWrongSizeIsAPoisonEventNamingBothSizes() {
        var header = header("doc", 1, Operation.UPSERT);
        var event = new EmbeddedDocument(header, "h", "other-model",
                List.of(new EmbeddedChunk(0, "text", null, null, new float[768])));

        assertThatThrownBy(() -> planner.plan(event, Optional.empty()))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("768")
                .hasMessageContaining("expects 4");
    }

    @Test
    void chunkNumbersWithAGapAreAPoisonEvent() {
        var header = header("doc", 1, Operation.UPSERT);
        var event = new EmbeddedDocument(header, "h", "m", List.of(
                new EmbeddedChunk(0, "a", null, null, new float[DIMS]),
                new EmbeddedChunk(2, "b", null, null, new float[DIMS])));

        assertThatThrownBy(() -> planner.plan(event, Optional.empty())).isInstanceOf(PoisonEventException.class);
    }

    @Test
    void chunksArriveInAnyOrderAndAreWrittenByNumber() {
        var header = header("doc", 1, Operation.UPSERT);
        var event = new EmbeddedDocument(header, "h", "m", List.of(
                new EmbeddedChunk(1, "b", null, null, new float[DIMS]),
                new EmbeddedChunk(0, "a", null, null, new float[DIMS])));

        var apply = (IndexPlan.Apply) planner.plan(event, Optional.empty());

        assertThat(apply.chunks()).extracting(c -> c.source().get(ChunkIndex.TEXT)).containsExactly("a", "b");
    }

    @Test
    void theRecordCarriesTheVersionsSourceAndReadersSoTheStatusIsShownOnlyToThem() {
        var apply = (IndexPlan.Apply) planner.plan(upsert("doc", 1, 2), Optional.empty());

        assertThat(apply.status().source()).isEqualTo("wiki");
        assertThat(apply.status().acl()).isEqualTo(Acl.restrictedTo("alice", "group:hr"));
    }

    @Test
    void aDeletionKeepsTheReadersOfTheDeletedDocument() {
        var narrowed = new DocumentStatus("doc", 1, DocumentState.INDEXED, 2, null, "hash-1", NOW, "wiki",
                Acl.restrictedTo("group:finance"));

        var apply = (IndexPlan.Apply) planner.plan(delete("doc", 2), Optional.of(narrowed));

        assertThat(apply.status().state()).isEqualTo(DocumentState.DELETED);
        assertThat(apply.status().acl()).isEqualTo(Acl.restrictedTo("group:finance"));
    }

    @Test
    void anotherSourcesEventForADocumentIsRefusedWithTheReasonWhateverItsVersion() {
        var owned = Optional.of(indexed("doc", 2, 3)).map(s -> new DocumentStatus(s.id(), s.version(), s.state(), s.chunks(),
                null, s.contentHash(), NOW, "wiki", READERS));
        var intruder = new DocumentHeader("doc", "intruder", Long.MAX_VALUE, Operation.UPSERT, "Mine now", null, "text/plain",
                Map.of(), Acl.publicAcl(), OCCURRED);

        assertThatThrownBy(() -> planner.plan(new EmbeddedDocument(intruder, "h", "m", List.of(
                new EmbeddedChunk(0, "poisoned", null, null, new float[DIMS]))), owned))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("belongs to source 'wiki'");
        assertThatThrownBy(() -> planner.plan(EmbeddedDocument.deletion(new DocumentHeader("doc", "intruder", 3,
                Operation.DELETE, null, null, null, Map.of(), null, OCCURRED)), owned))
                .isInstanceOf(PoisonEventException.class);
        assertThat(planner.planVerdict(new DocumentStatus("doc", 9, DocumentState.REJECTED, 0, "bad", null, NOW, "intruder",
                null), owned)).isEqualTo(new IndexPlan.Skip("doc", 9, IndexPlan.SkipReason.FOREIGN_SOURCE, 2));
        assertThat(planner.plan(upsert("doc", 3, 1), owned)).as("the owner goes on").isInstanceOf(IndexPlan.Apply.class);
        assertThat(planner.plan(upsert("doc", 3, 1), Optional.of(indexed("doc", 2, 3))))
                .as("a record from before sources were recorded").isInstanceOf(IndexPlan.Apply.class);
    }

    @Test
    void aPendingPlanPredictsTheRecordTheStoresConditionalUpdateLeaves() {
        var pending = new IndexPlan.MarkPending("doc", 3, NOW, "wiki", Acl.publicAcl());
        var owned = new DocumentStatus("doc", 2, DocumentState.INDEXED, 4, null, "hash-2", NOW, "wiki", READERS);

        assertThat(pending.recordAfter(Optional.empty())).as("a new record: no chunks, the verdict's source and ACL")
                .contains(new DocumentStatus("doc", 3, DocumentState.PENDING, 0, null, null, NOW, "wiki", Acl.publicAcl()));
        assertThat(pending.recordAfter(Optional.of(owned))).as("over an older version: chunks, hash and ACL stay")
                .contains(new DocumentStatus("doc", 3, DocumentState.PENDING, 4, null, "hash-2", NOW, "wiki", READERS));
        var newer = new DocumentStatus("doc", 3, DocumentState.INDEXED, 1, null, "hash-3", NOW, "wiki", READERS);
        assertThat(pending.recordAfter(Optional.of(newer))).as("the same version or a newer one: unchanged").contains(newer);
        var foreign = new DocumentStatus("doc", 1, DocumentState.INDEXED, 1, null, "h", NOW, "other", READERS);
        assertThat(pending.recordAfter(Optional.of(foreign))).as("another source's document: unchanged").contains(foreign);
    }

    static EmbeddedDocument upsert(String id, long version, int chunks) {
        var list = new ArrayList<EmbeddedChunk>();
        for (int n = 0; n < chunks; n++) {
            list.add(new EmbeddedChunk(n, "text " + n + " of v" + version, n + 1, "attachment: a.pdf", new float[] {1, 0, 0, 0}));
        }
        return new EmbeddedDocument(header(id, version, Operation.UPSERT), "hash-" + version, "test-model", list);
    }

    static EmbeddedDocument delete(String id, long version) {
        return EmbeddedDocument.deletion(header(id, version, Operation.DELETE));
    }

    static DocumentHeader header(String id, long version, Operation op) {
        return new DocumentHeader(id, "wiki", version, op, "Title " + id, "https://example.org/" + id, "text/plain",
                Map.of("team", "hr"), READERS, OCCURRED);
    }

    private static DocumentStatus pending(String id, long version, int chunks, String contentHash) {
        return new DocumentStatus(id, version, DocumentState.PENDING, chunks, null, contentHash, NOW);
    }

    private static DocumentStatus indexed(String id, long version, int chunks) {
        return new DocumentStatus(id, version, DocumentState.INDEXED, chunks, null, "hash-" + version, NOW);
    }
}
