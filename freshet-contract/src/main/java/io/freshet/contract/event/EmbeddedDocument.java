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
        return deletion(document, null);
    }

    /** A delete, for the indices of {@code model} (null: the model index-service was configured with). */
    public static EmbeddedDocument deletion(DocumentHeader document, String model) {
        return new EmbeddedDocument(document, null, model, List.of());
    }

    /** A new version whose text is the one already indexed: only its header changed. */
    public static EmbeddedDocument unchanged(DocumentHeader document, String contentHash) {
        return unchanged(document, contentHash, null);
    }

    /** The same, for the indices of {@code model}. */
    public static EmbeddedDocument unchanged(DocumentHeader document, String contentHash, String model) {
        return new EmbeddedDocument(document, contentHash, model, List.of(), true);
    }
}
