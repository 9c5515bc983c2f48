package io.freshet.ingest.http;

import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.failure.TransientFailureException;
import io.freshet.pipeline.opensearch.StatusRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The intake's view of a document's recorded version (the status index), for {@link VersionCheck}. */
@Component
class RecordedVersions {

    private static final Logger log = LoggerFactory.getLogger(RecordedVersions.class);

    private final StatusRecords records;

    RecordedVersions(StatusRecords records) {
        this.records = records;
    }

    /**
     * The check for an incoming change. Without the record (OpenSearch away) the change is accepted: the pipeline
     * applies the same rules in order, so the worst case is a 202 for an event it will skip, as before this check.
     */
    VersionCheck.Verdict check(DocumentChange change) {
        try {
            return VersionCheck.check(change, records.find(change.header().id()));
        } catch (TransientFailureException e) {
            log.warn("Accepted {} v{} without checking its recorded version: {}", change.header().id(),
                    change.header().version(), e.getMessage());
            return new VersionCheck.Accept();
        }
    }

    /**
     * The version a DELETE without one takes ({@link VersionCheck#deletableVersion}). A transient failure goes on
     * (503: the caller retries); nothing recorded for the source is {@link NothingToDeleteException}.
     */
    long versionToDelete(String id, String source) {
        Optional<DocumentStatus> recorded = records.find(id);
        return VersionCheck.deletableVersion(source, recorded).orElseThrow(() -> new NothingToDeleteException(
                "no version of '" + id + "' from source '" + source + "' is recorded yet; if it is on its way, "
                        + "send the DELETE with ?version=<the version to delete>"));
    }

    static final class NothingToDeleteException extends RuntimeException {

        NothingToDeleteException(String message) {
            super(message);
        }
    }
}
