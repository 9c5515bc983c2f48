package io.freshet.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A run of extracted text with where it came from: a PDF page number, and for embedded content its
 * origin (for example "attachment: report.pdf"). Both are null for the body of a plain document.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextSection(String text, Integer page, String origin) {

    public static TextSection of(String text) {
        return new TextSection(text, null, null);
    }
}
