package io.freshet.ingest.http;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.Content;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.Operation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VersionCheckTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void aChangeOlderThanTheRecordedVersionIsAConflictNamingIt() {
        var verdict = VersionCheck.check(upsert("cms", 2), recorded("cms", 5, DocumentState.INDEXED));

        assertThat(verdict).isInstanceOfSatisfying(VersionCheck.Conflict.class, conflict -> {
            assertThat(conflict.recordedVersion()).isEqualTo(5);
            assertThat(conflict.detail()).contains("older than the recorded version 5");
        });
        assertThat(VersionCheck.check(DocumentChange.delete("doc", "cms", 4, AT), recorded("cms", 5, DocumentState.INDEXED)))
                .isInstanceOf(VersionCheck.Conflict.class);
    }

    @Test
    void newerVersionsRetriesAndUnknownDocumentsAreAccepted() {
        assertThat(VersionCheck.check(upsert("cms", 6), recorded("cms", 5, DocumentState.INDEXED)))
                .isInstanceOf(VersionCheck.Accept.class);
        assertThat(VersionCheck.check(upsert("cms", 5), recorded("cms", 5, DocumentState.INDEXED))).as("a retry")
                .isInstanceOf(VersionCheck.Accept.class);
        assertThat(VersionCheck.check(upsert("cms", 1), Optional.empty())).isInstanceOf(VersionCheck.Accept.class);
        assertThat(VersionCheck.check(upsert("cms", 1), recorded(null, 3, DocumentState.INDEXED)))
                .as("a record from before sources were recorded: only the version counts")
                .isInstanceOf(VersionCheck.Conflict.class);
    }

    @Test
    void aDeletedVersionCannotBeRecreatedUnderTheSameNumber() {
        assertThat(VersionCheck.check(upsert("cms", 5), recorded("cms", 5, DocumentState.DELETED)))
                .isInstanceOfSatisfying(VersionCheck.Conflict.class, c -> assertThat(c.detail()).contains("was deleted"));
        assertThat(VersionCheck.check(DocumentChange.delete("doc", "cms", 5, AT), recorded("cms", 5, DocumentState.DELETED)))
                .as("deleting again is a retry").isInstanceOf(VersionCheck.Accept.class);
    }

    @Test
    void anotherSourcesDocumentIsAConflictThatDoesNotTellItsVersion() {
        var verdict = VersionCheck.check(upsert("intruder", 9_007_199_254_740_991L), recorded("cms", 5, DocumentState.INDEXED));

        assertThat(verdict).isInstanceOfSatisfying(VersionCheck.Conflict.class,
                conflict -> assertThat(conflict.recordedVersion()).isNull());
    }

    @Test
    void aDeleteWithoutVersionDeletesTheRecordedVersionSoTheSourcesNextVersionWins() {
        assertThat(VersionCheck.deletableVersion("cms", recorded("cms", 3, DocumentState.INDEXED))).contains(3L);
        assertThat(VersionCheck.deletableVersion("cms", Optional.empty())).isEmpty();
        assertThat(VersionCheck.deletableVersion("other", recorded("cms", 3, DocumentState.INDEXED))).isEmpty();
    }

    private static DocumentChange upsert(String source, long version) {
        return new DocumentChange(new DocumentHeader("doc", source, version, Operation.UPSERT, "T", null, "text/plain",
                Map.of(), Acl.publicAcl(), AT), Content.ofText("text"));
    }

    private static Optional<DocumentStatus> recorded(String source, long version, DocumentState state) {
        return Optional.of(new DocumentStatus("doc", version, state, 1, null, "h", AT, source, Acl.publicAcl()));
    }
}
