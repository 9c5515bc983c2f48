package io.freshet.ingest.http;

import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;

import java.util.Optional;

/**
 * What the intake answers about a change's version, given the document's record: pure, no I/O. The pipeline stays
 * the authority (it applies the same rules in order, per document); this only lets a connector hear at once that an
 * event will change nothing, instead of a 202 for an event the pipeline will silently skip.
 */
final class VersionCheck {

    private VersionCheck() {
    }

    sealed interface Verdict {
    }

    /** The change may take effect: publish it. */
    record Accept() implements Verdict {
    }

    /** The change will be ignored; {@code recordedVersion} is null when the record belongs to another source. */
    record Conflict(String detail, Long recordedVersion) implements Verdict {
    }

    /**
     * An upsert or delete older than the recorded version, an upsert of a version that was deleted, or any change to
     * another source's document, will be ignored; anything else may take effect. The same version again is a
     * connector's retry and accepted (the pipeline applies it once).
     */
    static Verdict check(DocumentChange change, Optional<DocumentStatus> recorded) {
        if (recorded.isEmpty()) {
            return new Accept();
        }
        DocumentStatus record = recorded.get();
        String id = change.header().id();
        if (record.belongsToAnotherSource(change.header().source())) {
            return new Conflict("document '" + id + "' belongs to another source; an operator can reset it", null);
        }
        long version = change.header().version();
        if (version < record.version()) {
            return new Conflict("version " + version + " of '" + id + "' is older than the recorded version "
                    + record.version() + " and would change nothing; send a newer version", record.version());
        }
        if (version == record.version() && record.state() == DocumentState.DELETED && !change.isDelete()) {
            return new Conflict("version " + version + " of '" + id + "' was deleted; re-create it with a newer version",
                    record.version());
        }
        return new Accept();
    }

    /**
     * The version a DELETE without one takes: the recorded version, so the delete removes what is there and the
     * source's own next version re-creates the document (a clock reading would outrank every version a counter
     * will ever reach). Empty when there is nothing recorded to delete, or it is another source's.
     */
    static Optional<Long> deletableVersion(String source, Optional<DocumentStatus> recorded) {
        return recorded.filter(record -> !record.belongsToAnotherSource(source)).map(DocumentStatus::version);
    }
}
