package io.freshet.query.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits passage text into sentences: at . ! ? before a capital or digit, at blank lines, and at the line
 * breaks that are structure rather than wrapping: before a list item or a table row, and after a heading.
 * A table row or a heading comes out as a "sentence" of its own, for {@link QuotableUnits} to recognise.
 */
final class Sentences {

    private static final Pattern PARAGRAPH = Pattern.compile("\\n\\s*\\n");
    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])[\"')\\]]?\\s+(?=[\\p{Lu}\\p{N}\"'(\\[])");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern LIST_ITEM = Pattern.compile("^(?:[-•·*+]|\\d{1,2}[.)])\\s+");
    /** "2." or "3.1." alone: the number of a list item or section, not the end of a sentence. */
    private static final Pattern NUMBER_ONLY = Pattern.compile("^(?:#{1,6}\\s+)?(?:\\d{1,2}\\.)+$");
    /** A full stop after these does not end a sentence. */
    private static final List<String> ABBREVIATIONS = List.of(
            "e.g.", "i.e.", "et al.", "etc.", "vs.", "dr.", "mr.", "mrs.", "ms.", "prof.", "fig.", "no.", "approx.",
            "u.s.", "inc.", "ltd.", "st.", "cf.");

    private Sentences() {
    }

    static List<String> of(String text, int maxChars) {
        var sentences = new ArrayList<String>();
        if (text == null) {
            return sentences;
        }
        for (String paragraph : PARAGRAPH.split(text)) {
            for (String block : blocks(paragraph)) {
                split(block, maxChars, sentences);
            }
        }
        return sentences;
    }

    /**
     * A paragraph's runs of lines that read as one text. PDF and HTML extraction already joined wrapped lines,
     * so a line break left inside a paragraph is mostly structure (Markdown, plain text): a list item or a
     * table row starts a block, a heading is a block of its own. Other line breaks are wrapping and joined.
     */
    private static List<String> blocks(String paragraph) {
        String[] lines = paragraph.strip().split("\\n");
        int longest = 0;
        for (String line : lines) {
            longest = Math.max(longest, line.strip().length());
        }
        var blocks = new ArrayList<String>();
        var current = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean startsBlock = LIST_ITEM.matcher(line).find() || TableRows.isPipeRow(line)
                    || (i > 0 && (TableRows.isPipeRow(lines[i - 1].strip())
                    || Headings.titlesNextLine(lines[i - 1], line, longest)));
            if (startsBlock && !current.isEmpty()) {
                blocks.add(current.toString());
                current.setLength(0);
            }
            current.append(current.isEmpty() ? "" : " ").append(line);
        }
        if (!current.isEmpty()) {
            blocks.add(current.toString());
        }
        return blocks;
    }

    private static void split(String block, int maxChars, List<String> sentences) {
        String flat = SPACE.matcher(block).replaceAll(" ").strip();
        if (flat.isEmpty()) {
            return;
        }
        int heading = Headings.joinedHeadingEnd(flat);
        if (heading > 0) { // "Zorbl tokens Each employee receives…": the title apart from its sentence
            sentences.add(cap(flat.substring(0, heading - 1), maxChars));
            flat = flat.substring(heading);
        }
        if (TableRows.isPipeRow(flat)) {
            sentences.add(cap(flat, maxChars)); // cells may end in "." without ending the row
            return;
        }
        String pending = "";
        for (String piece : BOUNDARY.split(flat)) {
            pending = pending.isEmpty() ? piece : pending + " " + piece;
            if (!endsWithAbbreviation(pending) && !NUMBER_ONLY.matcher(pending).matches()) {
                sentences.add(cap(pending, maxChars));
                pending = "";
            }
        }
        if (!pending.isEmpty()) {
            sentences.add(cap(pending, maxChars));
        }
    }

    private static boolean endsWithAbbreviation(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String abbreviation : ABBREVIATIONS) {
            if (lower.endsWith(" " + abbreviation) || lower.equals(abbreviation)) {
                return true;
            }
        }
        return false;
    }

    /** Text without punctuation can run on for pages; an answer quotes at most maxChars of it, cut at a word. */
    private static String cap(String sentence, int maxChars) {
        if (sentence.length() <= maxChars) {
            return sentence;
        }
        int cut = sentence.lastIndexOf(' ', maxChars);
        return sentence.substring(0, cut > maxChars / 2 ? cut : maxChars) + "…";
    }
}
