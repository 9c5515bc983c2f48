package io.freshet.ingest.change;

import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.ExtractedDocument;
import io.freshet.ingest.extraction.ExtractionRejectedException;

/** What the ingest stage made of one change, decided by {@link ChangeProcessor} before anything is published. */
public sealed interface IngestOutcome {

    DocumentHeader document();

    /** A delete, passed on as a deletion. */
    record Deletion(ExtractedDocument extracted) implements IngestOutcome {
        @Override
        public DocumentHeader document() {
            return extracted.document();
        }
    }

    /** The text, in sections; {@code truncated} when the character limit cut it short. */
    record Extracted(ExtractedDocument extracted, boolean truncated) implements IngestOutcome {
        @Override
        public DocumentHeader document() {
            return extracted.document();
        }
    }

    /** The document cannot be extracted (encrypted, corrupt, over a limit, refused by the fetch policy). */
    record Rejected(DocumentHeader document, ExtractionRejectedException reason) implements IngestOutcome {
    }
}
