package io.freshet.embed;

import java.util.Optional;

/** Where embed-service learns what the index holds for a document (the status index that index-service keeps). */
public interface IndexedContentLookup {

    /**
     * The document's status record; empty when there is none or it cannot be read right now. Never throws and
     * never waits long: without an answer, the document is simply embedded.
     */
    Optional<IndexedContent> find(String documentId);
}
