package io.freshet.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * embed-service's output on {@link Topics#EMBEDDED}: ALL chunks of one document version, so that the
 * indexer can replace the document's chunks as a whole. A delete carries no chunks.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddedDocument(DocumentHeader document, String contentHash, String model, List<EmbeddedChunk> chunks) {

    public EmbeddedDocument {
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
    }

    public static EmbeddedDocument deletion(DocumentHeader document) {
        return new EmbeddedDocument(document, null, null, List.of());
    }
}
