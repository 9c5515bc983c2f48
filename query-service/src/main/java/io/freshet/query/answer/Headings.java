package io.freshet.query.answer;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises headings, which name what the text under them is about but are not themselves an answer: a
 * Markdown heading, a short line without end punctuation (a title, an FAQ entry, "2. Trip approval"), and a
 * heading that extraction joined onto the first sentence of its section ("Zorbl tokens Each employee receives
 * 12 tokens." when a PDF or a plain-text file set the title on the line just above). Pure: no I/O.
 */
final class Headings {

    static final int MAX_WORDS = 12;
    private static final Pattern DIGIT = Pattern.compile("\\p{N}");
    private static final Pattern MARKDOWN = Pattern.compile("^#{1,6}\\s+");
    private static final Pattern LIST_MARK = Pattern.compile("^(?:[-•·*+]|\\d{1,2}[.)])(?:\\s|$)");
    /** "2.", "3.1", "A." before a section title: its number is not a figure the section states. */
    private static final Pattern SECTION_NUMBER = Pattern.compile("^(?:\\d{1,2}(?:\\.\\d{1,2})*\\.?|[A-Z]\\.)\\s+");
    /**
     * Words that start a sentence and are not capitalised inside one: capitalised after a word without
     * punctuation, they mark where a heading ended and its first sentence began.
     */
    private static final Set<String> SENTENCE_OPENERS = Set.of(
            "The", "This", "These", "Those", "Each", "Every", "All", "Any", "Your", "You", "We", "Our", "They",
            "Their", "There", "It", "If", "When", "Where", "While", "Only", "Please");

    private Headings() {
    }

    /**
     * A question line, or a short line without end punctuation and without figures (a title, an FAQ entry);
     * a short line with figures is a table row and is quotable. A section number does not count as a figure.
     */
    static boolean isHeading(String line) {
        String s = line.strip();
        if (s.endsWith("?")) {
            return true;
        }
        if (MARKDOWN.matcher(s).find()) {
            return true;
        }
        char last = s.isEmpty() ? '.' : s.charAt(s.length() - 1);
        boolean ended = last == '.' || last == '!' || last == ':' || last == ';' || last == '…' || last == ')';
        String title = SECTION_NUMBER.matcher(s).replaceFirst("");
        return !ended && words(s) <= MAX_WORDS && !DIGIT.matcher(title).find();
    }

    /**
     * A line that titles the line below it in text that keeps its line breaks (Markdown, plain text): a
     * Markdown heading, or a short line without end punctuation, clearly shorter than the text around it
     * (a line a layout merely wrapped is about as long as its neighbours), above a line that starts a sentence.
     */
    static boolean titlesNextLine(String line, String next, int longestLine) {
        String s = line.strip();
        if (MARKDOWN.matcher(s).find()) {
            return true;
        }
        String n = next.strip();
        boolean nextStartsSentence = !n.isEmpty() && (Character.isUpperCase(n.codePointAt(0)) || Character.isDigit(n.codePointAt(0)));
        return nextStartsSentence && isHeading(s) && !s.endsWith("?") && s.length() * 5 < longestLine * 3;
    }

    /**
     * Where a heading joined onto the sentence after it ends: the index of the sentence opener that follows
     * the heading's last word, or -1 when the sentence does not start with a heading.
     */
    static int joinedHeadingEnd(String sentence) {
        String[] tokens = sentence.split(" ");
        int offset = 0;
        for (int i = 0; i < Math.min(tokens.length - 1, MAX_WORDS); i++) {
            String token = tokens[i];
            if (token.isEmpty() || ".,;:!?)".indexOf(token.charAt(token.length() - 1)) >= 0) {
                return -1; // punctuation before the opener: it is one sentence
            }
            offset += token.length() + 1;
            String nextWord = tokens[i + 1];
            // "Each employee" opens a sentence; "The Economist" is a name
            boolean opensSentence = SENTENCE_OPENERS.contains(nextWord) && i + 2 < tokens.length
                    && !tokens[i + 2].isEmpty() && Character.isLowerCase(tokens[i + 2].codePointAt(0));
            String heading = sentence.substring(0, offset - 1);
            if (opensSentence && !SENTENCE_OPENERS.contains(token) && tokens.length - i - 1 >= 3
                    && heading.chars().anyMatch(Character::isLetter) && !LIST_MARK.matcher(heading).find()
                    && isHeading(heading)) {
                return offset;
            }
        }
        return -1;
    }

    /** Without a Markdown heading's marks. */
    static String withoutMarks(String line) {
        return MARKDOWN.matcher(line.strip()).replaceFirst("");
    }

    private static int words(String s) {
        return s.isEmpty() ? 0 : s.split("\\s+").length;
    }
}
