package io.freshet.embed;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.ExtractedDocument;
import io.freshet.contract.event.Operation;
import io.freshet.contract.event.TextSection;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EmbedDeciderTest {

    /** The read model as a map; a missing entry is "index-service has published nothing for it (yet)". */
    private final Map<String, DocumentStatus> statusIndex = new HashMap<>();
    private final Detector detector = new Detector(new EmbedDecider(true), 100);

    /** The decider with this instance's memory of what it published, as EmbedStage uses them. */
    private final class Detector {
        private final EmbedDecider decider;
        private final PublishedTexts published;
        private boolean caughtUp = true;

        Detector(EmbedDecider decider, int recent) {
            this.decider = decider;
            this.published = new PublishedTexts(recent);
        }

        EmbedDecision assess(ExtractedDocument extracted) {
            String id = extracted.document().id();
            return decider.decide(extracted, Optional.ofNullable(statusIndex.get(id)), caughtUp, published.last(id));
        }

        void published(DocumentHeader header, String hash) {
            published.remember(header, hash);
        }
    }

    @Test
    void aDeleteIsPassedOnWhateverIsRecorded() {
        statusIndex.put("d", status(3, DocumentState.INDEXED, 3, "a"));

        assertThat(detector.assess(new ExtractedDocument(new DocumentHeader("d", "test", 2, Operation.DELETE, null, null,
                null, Map.of(), null, null), null, List.of()))).isInstanceOf(EmbedDecision.PassDelete.class);
    }

    @Test
    void whileTheReadModelIsLoadingAnUnknownDocumentIsEmbeddedAndSaysWhy() {
        detector.caughtUp = false;

        EmbedDecision decision = detector.assess(extracted("d", 1, "a"));

        assertThat(decision).isInstanceOf(EmbedDecision.Embed.class);
        assertThat(decision.reason()).contains("loading");
    }

    @Test
    void aDocumentWithoutARecordIsEmbedded() {
        assertThat(detector.assess(extracted("d", 1, "a"))).isInstanceOf(EmbedDecision.Embed.class);
    }

    @Test
    void theTextTheIndexHoldsIsNotEmbeddedAgain() {
        statusIndex.put("d", status(1, DocumentState.INDEXED, 3, "a"));

        EmbedDecision decision = detector.assess(extracted("d", 2, "a"));

        assertThat(decision).isInstanceOf(EmbedDecision.Unchanged.class);
        assertThat(decision.reason()).contains("INDEXED v1").contains("3 chunks");
    }

    @Test
    void aPendingRecordStillCarriesTheIndexedText() {
        statusIndex.put("d", status(2, DocumentState.PENDING, 3, "a"));

        assertThat(detector.assess(extracted("d", 2, "a"))).isInstanceOf(EmbedDecision.Unchanged.class);
    }

    @Test
    void otherTextOrAnythingButIndexedChunksIsEmbedded() {
        statusIndex.put("changed", status(1, DocumentState.INDEXED, 3, "a"));
        statusIndex.put("rejected", status(1, DocumentState.REJECTED, 0, "a"));
        statusIndex.put("deleted", status(1, DocumentState.DELETED, 0, null));
        statusIndex.put("pending-new", status(1, DocumentState.PENDING, 0, null));
        statusIndex.put("unknown-state", status(1, null, 3, "a"));

        assertThat(detector.assess(extracted("changed", 2, "b"))).isInstanceOf(EmbedDecision.Embed.class);
        assertThat(detector.assess(extracted("rejected", 2, "a"))).isInstanceOf(EmbedDecision.Embed.class);
        assertThat(detector.assess(extracted("deleted", 2, "a"))).isInstanceOf(EmbedDecision.Embed.class);
        assertThat(detector.assess(extracted("pending-new", 1, "a"))).isInstanceOf(EmbedDecision.Embed.class);
        assertThat(detector.assess(extracted("unknown-state", 2, "a"))).isInstanceOf(EmbedDecision.Embed.class);
        assertThat(detector.assess(extracted("changed", 2, null))).as("no hash, nothing to compare").isInstanceOf(EmbedDecision.Embed.class);
    }

    @Test
    void aVersionOlderThanTheRecordedOneIsStale() {
        statusIndex.put("d", status(5, DocumentState.PENDING, 2, "x"));

        EmbedDecision decision = detector.assess(extracted("d", 4, "y"));

        assertThat(decision).isInstanceOf(EmbedDecision.Stale.class);
        assertThat(decision.reason()).contains("v5");
    }

    @Test
    void textThatChangedAndChangedBackWhileInFlightIsEmbedded() {
        // A is indexed as v1; v2 (B) is published but the indexer has not written it yet; v3 is A again.
        statusIndex.put("d", status(1, DocumentState.INDEXED, 3, "A"));
        assertThat(detector.assess(extracted("d", 2, "B"))).isInstanceOf(EmbedDecision.Embed.class);
        detector.published(header("d", 2), "B");

        EmbedDecision decision = detector.assess(extracted("d", 3, "A"));

        assertThat(decision).as("the index may hold B by the time v3 arrives").isInstanceOf(EmbedDecision.Embed.class);
        assertThat(decision.reason()).contains("v2");
    }

    @Test
    void theSameTextPublishedAgainStaysUnchanged() {
        statusIndex.put("d", status(1, DocumentState.INDEXED, 3, "A"));
        detector.published(header("d", 2), "A");

        assertThat(detector.assess(extracted("d", 3, "A"))).isInstanceOf(EmbedDecision.Unchanged.class);
    }

    @Test
    void afterADeleteOrARejectionNothingIsUnchanged() {
        statusIndex.put("d", status(1, DocumentState.INDEXED, 3, "A"));
        detector.published(header("d", 2), null);

        assertThat(detector.assess(extracted("d", 3, "A"))).isInstanceOf(EmbedDecision.Embed.class);
    }

    @Test
    void turnedOffEverythingIsEmbeddedButStaleVersionsAreStillSkipped() {
        var off = new Detector(new EmbedDecider(false), 100);
        statusIndex.put("d", status(2, DocumentState.INDEXED, 3, "A"));

        assertThat(off.assess(extracted("d", 3, "A"))).isInstanceOf(EmbedDecision.Embed.class);
        assertThat(off.assess(extracted("d", 1, "A"))).isInstanceOf(EmbedDecision.Stale.class);
    }

    @Test
    void onlyTheMostRecentDocumentsAreRemembered() {
        var small = new Detector(new EmbedDecider(true), 1);
        statusIndex.put("d", status(1, DocumentState.INDEXED, 3, "A"));
        small.published(header("d", 2), "B");
        small.published(header("other", 1), "X"); // pushes "d" out

        assertThat(small.assess(extracted("d", 3, "A"))).isInstanceOf(EmbedDecision.Unchanged.class);
    }

    private static DocumentStatus status(long version, DocumentState state, int chunks, String hash) {
        return new DocumentStatus("d", version, state, chunks, null, hash, Instant.EPOCH);
    }

    private static DocumentHeader header(String id, long version) {
        return new DocumentHeader(id, "test", version, Operation.UPSERT, "T", null, null, Map.of(), Acl.publicAcl(), null);
    }

    private static ExtractedDocument extracted(String id, long version, String hash) {
        return new ExtractedDocument(header(id, version), hash, List.of(TextSection.of("text")));
    }
}
