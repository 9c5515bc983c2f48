package io.freshet.query.answer.grounding;

import java.util.regex.Pattern;

/**
 * The delimiters around the passages in a prompt, and what keeps a document from forging them. The fence is
 * {@code <sources>} holding one {@code <source n="…">…</source>} per passage. Documents are written by anyone who
 * can put a file where a connector reads, so their text is untrusted: any tag-like "source"/"sources" (also
 * written as {@code &lt;}) gets its opening bracket replaced by a look-alike, and attribute values lose their
 * quotes, brackets and line breaks. A passage therefore cannot close its own element, end the list or open a
 * forged source, whatever it says.
 */
final class SourceFence {

    static final String OPEN = "<sources>";
    static final String CLOSE = "</sources>";
    static final String CLOSE_SOURCE = "</source>";

    /** The look-alike that replaces a forged tag's "<": it reads the same to a person, and is no tag to a model. */
    static final String NEUTRAL_BRACKET = "‹";

    private static final Pattern FORGED_TAG = Pattern.compile(
            "(?:<|&lt;?|&#0*60;?|&#x0*3c;?|＜)(?=\\s*/?\\s*sources?(?![\\p{L}\\p{N}_-]))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE_UNSAFE = Pattern.compile("[\"<>\\r\\n\\t]+");

    private SourceFence() {
    }

    /** {@code text} with every tag-like sequence of the fence disarmed; the rest is left as written. */
    static String neutralise(String text) {
        return text == null ? "" : FORGED_TAG.matcher(text).replaceAll(NEUTRAL_BRACKET);
    }

    /** One source element; {@code text} must already fit the budget. */
    static String element(int number, String title, Integer page, String origin, String text, boolean truncated) {
        var element = new StringBuilder("<source n=\"").append(number).append('"');
        attribute(element, "title", title);
        if (page != null) {
            element.append(" page=\"").append(page).append('"');
        }
        attribute(element, "origin", origin);
        if (truncated) {
            element.append(" truncated=\"true\"");
        }
        return element.append(">\n").append(neutralise(text)).append('\n').append(CLOSE_SOURCE).append('\n')
                .toString();
    }

    /** Characters an element adds around its text (the text itself not counted). */
    static int overhead(int number, String title, Integer page, String origin, boolean truncated) {
        return element(number, title, page, origin, "", truncated).length();
    }

    private static void attribute(StringBuilder element, String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        String safe = ATTRIBUTE_UNSAFE.matcher(neutralise(value)).replaceAll(" ").strip();
        element.append(' ').append(name).append("=\"").append(safe).append('"');
    }
}
