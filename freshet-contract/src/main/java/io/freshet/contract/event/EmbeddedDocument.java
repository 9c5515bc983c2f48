package io.freshet.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * embed-service's output on {@link Topics#EMBEDDED}: ALL chunks of one document version, so that the
 * indexer can replace the document's chunks as a whole. A delete carries no chunks.
 *
 * <p>{@code contentUnchanged}: embed-service found that the index already holds this text (same
 * {@code contentHash}, state INDEXED) and did not embed it again; the event carries no chunks, and the
 * indexer moves the existing chunks to this version with the new title, url, metadata and ACL. Absent
 * in JSON means false.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddedDocument(DocumentHeader document, String contentHash, String model, List<EmbeddedChunk> chunks,
                               @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean contentUnchanged) {

    public EmbeddedDocument {
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
        contentUnchanged = Boolean.TRUE.equals(contentUnchanged); // boxed only so that an absent field reads as false
    }

    public EmbeddedDocument(DocumentHeader document, String contentHash, String model, List<EmbeddedChunk> chunks) {
        this(document, contentHash, model, chunks, false);
    }

    public static EmbeddedDocument deletion(DocumentHeader document) {
        return new EmbeddedDocument(document, null, null, List.of());
    }

    /** A new version whose text is the one already indexed: only its header changed. */
    public static EmbeddedDocument unchanged(DocumentHeader document, String contentHash) {
        return new EmbeddedDocument(document, contentHash, null, List.of(), true);
    }
}
