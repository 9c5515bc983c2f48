package io.freshet.bench;

import io.freshet.bench.BeirDataset.CorpusDocument;
import io.freshet.contract.event.Acl;
import io.freshet.contract.event.Content;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.Operation;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The change events the bench publishes for corpus documents, and the version each document is at: ingestion
 * publishes version 1, every freshness probe and background update the next one, so index-service never drops an
 * update as stale.
 */
final class CorpusChanges {

    static final String SOURCE = "freshet-bench";

    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    /** Version 1 of a document, as the measured ingestion publishes it. */
    DocumentChange first(CorpusDocument document) {
        versions.put(document.id(), 1L);
        return change(document.id(), document, 1, document.content());
    }

    /** Claims the document's next version (safe from the background-load thread and the probes at once). */
    long nextVersion(CorpusDocument document) {
        return versions.merge(document.id(), 1L, Long::sum);
    }

    /** The last version claimed for a document (0: none). */
    long version(String id) {
        return versions.getOrDefault(id, 0L);
    }

    static DocumentChange change(String id, CorpusDocument document, long version, String content) {
        return DocumentChange.of(id, SOURCE, version, Operation.UPSERT, document.title().isBlank() ? null : document.title(),
                null, "text/plain", Content.ofText(content), Map.of(), Acl.publicAcl(), Instant.now());
    }
}
