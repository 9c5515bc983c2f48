package io.freshet.contract.index;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The status index's one codec, used by the writer (index-service) and the reader (query-service). */
class StatusIndexTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aRecordSurvivesTheRoundTripThroughTheIndexSource() {
        var record = new DocumentStatus("doc", 12, DocumentState.REJECTED, 0, "too large", "abc", AT);

        assertThat(StatusIndex.fromSource(StatusIndex.toSource(record))).isEqualTo(record);
        assertThat(StatusIndex.toSource(new DocumentStatus("d", 1, DocumentState.INDEXED, 2, null, null, AT)))
                .as("absent values are left out, as the strict mapping expects")
                .containsOnlyKeys(StatusIndex.ID, StatusIndex.VERSION, StatusIndex.STATE, StatusIndex.CHUNKS,
                        StatusIndex.UPDATED_AT);
    }

    @Test
    void whoMayReadTheDocumentSurvivesTheRoundTripAndARecordWithoutItIsReadableByNobody() {
        var record = new DocumentStatus("doc", 2, DocumentState.INDEXED, 1, null, "h", AT, "cms",
                Acl.restrictedTo("alice", "group:hr"));

        DocumentStatus read = StatusIndex.fromSource(StatusIndex.toSource(record));

        assertThat(read).isEqualTo(record);
        assertThat(read.readableBy(Set.of("group:hr"))).isTrue();
        assertThat(read.readableBy(Set.of("group:finance", Acl.EVERYONE_IN_ORGANISATION))).isFalse();
        assertThat(StatusIndex.fromSource(StatusIndex.toSource(new DocumentStatus("d", 1, DocumentState.INDEXED, 2, null,
                null, AT))).readableBy(Set.of("alice", Acl.EVERYONE_IN_ORGANISATION))).isFalse();
        assertThat(read.withoutAcl().acl()).isNull();
    }

    @Test
    void anUnknownStateReadsAsPendingSoTheWriterDoesNotTrustTheRecord() {
        Map<String, Object> source = new HashMap<>(StatusIndex.toSource(
                new DocumentStatus("doc", 3, DocumentState.INDEXED, 4, null, "h", AT)));
        source.put(StatusIndex.STATE, "ARCHIVED");

        DocumentStatus read = StatusIndex.fromSource(source);

        assertThat(read.state()).isEqualTo(DocumentState.PENDING);
        assertThat(read.chunks()).isEqualTo(4);
    }

    @Test
    void onlyIndexedOrPendingChunksOfTheSameTextCountAsHoldingIt() {
        assertThat(new DocumentStatus("d", 1, DocumentState.INDEXED, 3, null, "h", AT).holdsText("h")).isTrue();
        assertThat(new DocumentStatus("d", 2, DocumentState.PENDING, 3, null, "h", AT).holdsText("h")).isTrue();
        assertThat(new DocumentStatus("d", 1, DocumentState.INDEXED, 3, null, "h", AT).holdsText("other")).isFalse();
        assertThat(new DocumentStatus("d", 1, DocumentState.INDEXED, 0, null, "h", AT).holdsText("h")).isFalse();
        assertThat(new DocumentStatus("d", 1, DocumentState.REJECTED, 3, null, "h", AT).holdsText("h")).isFalse();
        assertThat(new DocumentStatus("d", 1, DocumentState.INDEXED, 3, null, "h", AT).holdsText(null)).isFalse();
    }
}
