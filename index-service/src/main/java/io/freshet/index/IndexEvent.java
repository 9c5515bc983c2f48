package io.freshet.index;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedDocument;

/** One event index-service applies: an embedded document version, or another stage's verdict about a version. */
public sealed interface IndexEvent {

    String documentId();

    /** Whether planning it needs the document's status record. */
    boolean needsRecord();

    record Embedded(EmbeddedDocument event) implements IndexEvent {
        @Override
        public String documentId() {
            return event.document().id();
        }

        @Override
        public boolean needsRecord() {
            return true;
        }
    }

    record Verdict(DocumentStatus verdict) implements IndexEvent {
        @Override
        public String documentId() {
            return verdict.id();
        }

        @Override
        public boolean needsRecord() {
            return IndexPlanner.needsRecord(verdict);
        }
    }
}
