package io.freshet.ingest.extraction;

import io.freshet.contract.event.TextSection;

import java.util.List;

/**
 * The text of one document in sections (PDF pages, attachments), with what the parser learned about it.
 *
 * @param sections  never empty: a document without text is rejected instead
 * @param title     the document's own title (dc:title, a mail's subject), or null
 * @param mediaType the detected type without parameters, e.g. "application/pdf"
 * @param truncated true when the character limit cut the text short
 * @param warnings  parts that were skipped (an encrypted attachment, depth limit reached), for the log
 */
public record Extraction(List<TextSection> sections, String title, String mediaType, boolean truncated,
                         List<String> warnings) {

    public Extraction {
        sections = List.copyOf(sections);
        warnings = List.copyOf(warnings);
    }

    /** All sections' text, separated by blank lines. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (TextSection section : sections) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(section.text());
        }
        return text.toString();
    }

    public int characters() {
        return sections.stream().mapToInt(s -> s.text().length()).sum();
    }
}
