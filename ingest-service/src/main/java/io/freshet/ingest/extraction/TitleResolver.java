package io.freshet.ingest.extraction;

import io.freshet.contract.event.TextSection;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A document's title: the one its format records (PDF info, Office properties, HTML {@code <title>}), else, for
 * Markdown, its leading "# Title" heading; otherwise none.
 */
final class TitleResolver {

    private static final Pattern MARKDOWN_TITLE = Pattern.compile("#[ \\t]+([^\\n]+)");

    private TitleResolver() {
    }

    /**
     * @param recorded the title the parser found in the file's metadata, or null
     * @param first    the first section extracted, where a Markdown heading would be
     * @return the title on one line, or null
     */
    static String resolve(String recorded, String mediaType, String fileName, TextSection first) {
        if (recorded != null && !recorded.isBlank()) {
            return SectionCollector.normalise(recorded).replace('\n', ' ');
        }
        return markdownHeading(mediaType, fileName, first);
    }

    /** Markdown has no title field, but its first line is by convention a "# Title" heading. */
    private static String markdownHeading(String mediaType, String fileName, TextSection first) {
        boolean markdown = (mediaType != null && mediaType.contains("markdown"))
                || (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".md"));
        if (!markdown || first.origin() != null) { // an attachment's heading is not the document's title
            return null;
        }
        Matcher heading = MARKDOWN_TITLE.matcher(first.text());
        return heading.lookingAt() ? heading.group(1).strip() : null;
    }
}
