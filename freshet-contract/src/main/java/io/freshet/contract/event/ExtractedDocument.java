package io.freshet.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * ingest-service's output on {@link Topics#EXTRACTED}: the document's plain text in sections.
 * A delete carries no sections. {@code contentHash} is the SHA-256 of the extracted text, so later
 * stages can tell a real content change from a metadata-only one. {@code forModel}: the embedding model this
 * document is for alone (a change replayed to fill that model's indices, {@link Topics#REPLAY}); absent: every model.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExtractedDocument(DocumentHeader document, String contentHash, List<TextSection> sections, String forModel) {

    public ExtractedDocument {
        sections = sections == null ? List.of() : List.copyOf(sections);
    }

    public ExtractedDocument(DocumentHeader document, String contentHash, List<TextSection> sections) {
        this(document, contentHash, sections, null);
    }

    public static ExtractedDocument deletion(DocumentHeader document) {
        return new ExtractedDocument(document, null, List.of());
    }

    /** The same document, for {@code model} alone (null: every model). */
    public ExtractedDocument forModel(String model) {
        return new ExtractedDocument(document, contentHash, sections, model);
    }
}
