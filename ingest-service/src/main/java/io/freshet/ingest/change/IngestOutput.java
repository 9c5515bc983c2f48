package io.freshet.ingest.change;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.ExtractedDocument;

/** Where the ingest stage's results go; each call returns once they are durably there. */
public interface IngestOutput {

    /** A verdict (PENDING, REJECTED) for index-service to record. */
    void status(DocumentStatus status);

    void extracted(ExtractedDocument extracted);
}
