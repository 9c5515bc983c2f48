package io.freshet.query.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a passage's sentences into what an answer can quote. Documents are not all prose: an FAQ's question
 * line is not an answer, but the sentence after it is, and its words tell what that sentence answers; a line
 * ending in ":" ("The nightly rate may not exceed these caps:") means nothing without the list or table rows
 * that follow it. Pure: no I/O.
 */
final class QuotableUnits {

    private static final Pattern DIGIT = Pattern.compile("\\p{N}");
    private static final int HEADING_MAX_WORDS = 12;
    private static final int LEAD_IN_MAX_ITEMS = 4;
    private static final int SHORT_SENTENCE_WORDS = 8;
    private static final Pattern BULLET = Pattern.compile("^(?:[-•·*+]|\\d{1,2}[.)])\\s+");
    private static final Pattern HEADING_MARKS = Pattern.compile("^#{1,6}\\s+");
    private static final Pattern EMPHASIS = Pattern.compile("\\*\\*|__|`");

    /** A quotable text, and the text whose words count for it (its own plus its heading's). */
    record Unit(String text, String matchText) {
    }

    private QuotableUnits() {
    }

    static List<Unit> of(List<String> sentences, int maxChars) {
        var units = new ArrayList<Unit>();
        String heading = "";
        for (int i = 0; i < sentences.size(); i++) {
            String sentence = readable(sentences.get(i));
            boolean leadsIntoQuestion = i + 1 < sentences.size() && sentences.get(i + 1).strip().endsWith("?")
                    && sentence.split("\\s+").length <= SHORT_SENTENCE_WORDS; // "I forgot my password. How do I reset it?"
            if (isHeading(sentence) || leadsIntoQuestion) {
                heading = heading.isEmpty() ? sentence : heading + " " + sentence;
                continue;
            }
            String text = sentence;
            if (sentence.endsWith(":")) {
                var items = new StringBuilder(sentence);
                int taken = 0;
                while (taken < LEAD_IN_MAX_ITEMS && i + 1 < sentences.size()
                        && items.length() + sentences.get(i + 1).length() + 2 <= maxChars) {
                    items.append(taken == 0 ? " " : "; ").append(readable(sentences.get(++i)));
                    taken++;
                }
                text = items.toString();
            }
            units.add(new Unit(text, heading.isEmpty() ? text : heading + " " + text));
            heading = "";
        }
        return units;
    }

    /**
     * A question line, or a short line without end punctuation and without figures (a title, an FAQ entry);
     * a short line with figures is a table row and is quotable.
     */
    static boolean isHeading(String sentence) {
        String s = sentence.strip();
        if (s.endsWith("?")) {
            return true;
        }
        char last = s.isEmpty() ? '.' : s.charAt(s.length() - 1);
        boolean ended = last == '.' || last == '!' || last == ':' || last == ';' || last == '…' || last == ')';
        return !ended && s.split("\\s+").length <= HEADING_MAX_WORDS && !DIGIT.matcher(s).find();
    }

    /** Without list bullets and Markdown emphasis, which read as noise inside a quoted answer. */
    static String readable(String sentence) {
        String text = BULLET.matcher(sentence.strip()).replaceFirst("");
        text = HEADING_MARKS.matcher(text).replaceFirst("");
        return EMPHASIS.matcher(text).replaceAll("");
    }
}
