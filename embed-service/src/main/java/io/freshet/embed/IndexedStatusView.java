package io.freshet.embed;

import io.freshet.contract.event.DocumentStatus;

import java.util.Optional;

/**
 * What index-service says it holds for a document: the read model of its status records (the compacted
 * freshet.documents.indexed topic), never its private index. Never throws and never waits: without an answer the
 * document is simply embedded.
 */
public interface IndexedStatusView {

    /** The last status index-service published for the document; empty when unknown or not loaded yet. */
    Optional<DocumentStatus> find(String documentId);

    /** The same, as recorded in the indices of {@code model}. */
    Optional<DocumentStatus> find(String model, String documentId);

    /** False while the view is still reading what was published before this instance started. */
    boolean caughtUp();
}
