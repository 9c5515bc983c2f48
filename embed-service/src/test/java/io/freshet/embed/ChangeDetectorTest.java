package io.freshet.embed;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.ExtractedDocument;
import io.freshet.contract.event.Operation;
import io.freshet.contract.event.TextSection;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.freshet.embed.ChangeDetector.Outcome.EMBED;
import static io.freshet.embed.ChangeDetector.Outcome.STALE;
import static io.freshet.embed.ChangeDetector.Outcome.UNCHANGED;
import static org.assertj.core.api.Assertions.assertThat;

class ChangeDetectorTest {

    /** The status index as a map; a missing entry is "no record, or OpenSearch could not answer". */
    private final Map<String, IndexedContent> statusIndex = new HashMap<>();
    private final ChangeDetector detector = new ChangeDetector(id -> Optional.ofNullable(statusIndex.get(id)), true, 100);

    @Test
    void aDocumentWithoutARecordIsEmbedded() {
        assertThat(detector.assess(extracted("d", 1, "a")).outcome()).isEqualTo(EMBED);
    }

    @Test
    void theTextTheIndexHoldsIsNotEmbeddedAgain() {
        statusIndex.put("d", new IndexedContent(1, DocumentState.INDEXED, 3, "a"));

        ChangeDetector.Decision decision = detector.assess(extracted("d", 2, "a"));

        assertThat(decision.outcome()).isEqualTo(UNCHANGED);
        assertThat(decision.reason()).contains("INDEXED v1").contains("3 chunks");
    }

    @Test
    void aPendingRecordStillCarriesTheIndexedText() {
        statusIndex.put("d", new IndexedContent(2, DocumentState.PENDING, 3, "a"));

        assertThat(detector.assess(extracted("d", 2, "a")).outcome()).isEqualTo(UNCHANGED);
    }

    @Test
    void otherTextOrAnythingButIndexedChunksIsEmbedded() {
        statusIndex.put("changed", new IndexedContent(1, DocumentState.INDEXED, 3, "a"));
        statusIndex.put("rejected", new IndexedContent(1, DocumentState.REJECTED, 0, "a"));
        statusIndex.put("deleted", new IndexedContent(1, DocumentState.DELETED, 0, null));
        statusIndex.put("pending-new", new IndexedContent(1, DocumentState.PENDING, 0, null));
        statusIndex.put("unknown-state", new IndexedContent(1, null, 3, "a"));

        assertThat(detector.assess(extracted("changed", 2, "b")).outcome()).isEqualTo(EMBED);
        assertThat(detector.assess(extracted("rejected", 2, "a")).outcome()).isEqualTo(EMBED);
        assertThat(detector.assess(extracted("deleted", 2, "a")).outcome()).isEqualTo(EMBED);
        assertThat(detector.assess(extracted("pending-new", 1, "a")).outcome()).isEqualTo(EMBED);
        assertThat(detector.assess(extracted("unknown-state", 2, "a")).outcome()).isEqualTo(EMBED);
        assertThat(detector.assess(extracted("changed", 2, null)).outcome()).as("no hash, nothing to compare").isEqualTo(EMBED);
    }

    @Test
    void aVersionOlderThanTheRecordedOneIsStale() {
        statusIndex.put("d", new IndexedContent(5, DocumentState.PENDING, 2, "x"));

        ChangeDetector.Decision decision = detector.assess(extracted("d", 4, "y"));

        assertThat(decision.outcome()).isEqualTo(STALE);
        assertThat(decision.reason()).contains("v5");
    }

    @Test
    void textThatChangedAndChangedBackWhileInFlightIsEmbedded() {
        // A is indexed as v1; v2 (B) is published but the indexer has not written it yet; v3 is A again.
        statusIndex.put("d", new IndexedContent(1, DocumentState.INDEXED, 3, "A"));
        assertThat(detector.assess(extracted("d", 2, "B")).outcome()).isEqualTo(EMBED);
        detector.published(header("d", 2), "B");

        ChangeDetector.Decision decision = detector.assess(extracted("d", 3, "A"));

        assertThat(decision.outcome()).as("the index may hold B by the time v3 arrives").isEqualTo(EMBED);
        assertThat(decision.reason()).contains("v2");
    }

    @Test
    void theSameTextPublishedAgainStaysUnchanged() {
        statusIndex.put("d", new IndexedContent(1, DocumentState.INDEXED, 3, "A"));
        detector.published(header("d", 2), "A");

        assertThat(detector.assess(extracted("d", 3, "A")).outcome()).isEqualTo(UNCHANGED);
    }

    @Test
    void afterADeleteOrARejectionNothingIsUnchanged() {
        statusIndex.put("d", new IndexedContent(1, DocumentState.INDEXED, 3, "A"));
        detector.published(header("d", 2), null);

        assertThat(detector.assess(extracted("d", 3, "A")).outcome()).isEqualTo(EMBED);
    }

    @Test
    void turnedOffEverythingIsEmbeddedButStaleVersionsAreStillSkipped() {
        var off = new ChangeDetector(id -> Optional.ofNullable(statusIndex.get(id)), false, 100);
        statusIndex.put("d", new IndexedContent(2, DocumentState.INDEXED, 3, "A"));

        assertThat(off.assess(extracted("d", 3, "A")).outcome()).isEqualTo(EMBED);
        assertThat(off.assess(extracted("d", 1, "A")).outcome()).isEqualTo(STALE);
    }

    @Test
    void onlyTheMostRecentDocumentsAreRemembered() {
        var small = new ChangeDetector(id -> Optional.ofNullable(statusIndex.get(id)), true, 1);
        statusIndex.put("d", new IndexedContent(1, DocumentState.INDEXED, 3, "A"));
        small.published(header("d", 2), "B");
        small.published(header("other", 1), "X"); // pushes "d" out

        assertThat(small.assess(extracted("d", 3, "A")).outcome()).isEqualTo(UNCHANGED);
    }

    private static DocumentHeader header(String id, long version) {
        return new DocumentHeader(id, "test", version, Operation.UPSERT, "T", null, null, Map.of(), Acl.publicAcl(), null);
    }

    private static ExtractedDocument extracted(String id, long version, String hash) {
        return new ExtractedDocument(header(id, version), hash, List.of(TextSection.of("text")));
    }
}
