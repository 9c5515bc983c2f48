package io.freshet.query.answer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a passage's sentences into what an answer can quote. Documents are not all prose: an FAQ's question
 * line or a heading is not an answer, but the sentence after it is, and its words tell what that sentence
 * answers; a line ending in ":" ("There are two medical plans:") means nothing without the items that follow
 * it, so each item is quoted with it; a table row is quoted as "column: value" phrases ({@link TableRows});
 * a pointer elsewhere ("see the Pricing page") is not an answer ({@link Pointers}). Pure: no I/O.
 */
final class QuotableUnits {

    private static final int LEAD_IN_MAX_ITEMS = 8;
    private static final int LEAD_IN_MAX_SENTENCES = 4;
    private static final int SHORT_SENTENCE_WORDS = 8;
    private static final Pattern BULLET = Pattern.compile("^(?:[-•·*+]|\\d{1,2}[.)])\\s+");
    private static final Pattern HEADING_MARKS = Pattern.compile("^#{1,6}\\s+");
    private static final Pattern FIRST_PERSON = Pattern.compile("\\b(?:I|my|me|we|our)\\b");
    private static final Pattern EMPHASIS = Pattern.compile("\\*\\*|__|`");

    /**
     * A quotable text; the text whose words count for it (its own without pointers, plus the heading or lead-in
     * above it); the lead-in it is an item of ("" when none), quoted once before its items; the heading of
     * the section it is in ("" when the passage does not show one); and what it says itself.
     */
    record Unit(String text, String matchText, String leadIn, String section, String own) {

        /** {@code own}: what the unit says itself, without pointers (a table row: its cells, not its header). */
        Unit(String text, String matchText, String leadIn, String section) {
            this(text, matchText, leadIn, section, Pointers.substance(text));
        }

        /** What the answer quotes: an item with its lead-in. */
        String quoted() {
            return leadIn.isEmpty() ? text : leadIn + " " + text;
        }
    }

    private QuotableUnits() {
    }

    static List<Unit> of(List<String> sentences, int maxChars) {
        var units = new ArrayList<Unit>();
        List<String> lines = sentences.stream().map(QuotableUnits::readable).toList();
        String heading = "";
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String sentence = lines.get(i);
            TableRows.Table table = TableRows.at(lines, i);
            if (table != null) {
                addRows(units, table, heading, "", section);
                i = table.end() - 1;
                heading = "";
                continue;
            }
            // "I forgot my password. How do I reset it?": a reader's problem put before the FAQ's question
            boolean leadsIntoQuestion = i + 1 < lines.size() && lines.get(i + 1).strip().endsWith("?")
                    && sentence.split("\\s+").length <= SHORT_SENTENCE_WORDS && FIRST_PERSON.matcher(sentence).find();
            if (Headings.isHeading(sentence) || Headings.isHeading(sentences.get(i)) || leadsIntoQuestion) {
                heading = heading.isEmpty() ? sentence : heading + " " + sentence;
                section = heading;
                continue;
            }
            if (sentence.endsWith(":") && i + 1 < lines.size()) {
                TableRows.Table below = TableRows.at(lines, i + 1);
                if (below != null) { // "The nightly rate may not exceed these caps:" explains the rows
                    addRows(units, below, heading, sentence, section);
                    i = below.end() - 1;
                } else {
                    i = addItems(units, sentences, lines, i, heading, section, maxChars);
                }
                heading = "";
                continue;
            }
            add(units, sentence, heading, "", section);
            heading = "";
        }
        return units;
    }

    private static void addRows(List<Unit> units, TableRows.Table table, String heading, String leadIn, String section) {
        String context = String.join(" ", heading, leadIn, table.header()).strip();
        var columns = new HashSet<>(ContentWords.of(table.header()));
        for (int r = 0; r < table.rows().size(); r++) {
            String raw = table.rawRows().get(r);
            // what a row says itself is in its cells beyond the column names ("Night shift" under "Shift": night)
            String own = String.join(" ", Arrays.stream(raw.split("\\s+"))
                    .filter(word -> ContentWords.of(word).stream().noneMatch(columns::contains)).toList());
            units.add(new Unit(table.rows().get(r), context + " " + raw, "", section, own));
        }
    }

    /**
     * The items after a lead-in, each a unit quoted with it: the list items that follow (a bulleted list), or
     * else the next few sentences. Returns the index of the last line used.
     */
    private static int addItems(List<Unit> units, List<String> raw, List<String> lines, int i, String heading,
                                String section, int maxChars) {
        String leadIn = lines.get(i);
        boolean bulleted = i + 1 < raw.size() && BULLET.matcher(raw.get(i + 1).strip()).find();
        int max = bulleted ? LEAD_IN_MAX_ITEMS : LEAD_IN_MAX_SENTENCES;
        int taken = 0;
        int budget = maxChars - leadIn.length();
        while (taken < max && i + 1 < lines.size() && (!bulleted || BULLET.matcher(raw.get(i + 1).strip()).find())
                && lines.get(i + 1).length() + 2 <= budget) {
            String item = lines.get(++i);
            taken++;
            if (!Pointers.defers(item)) {
                units.add(new Unit(item, String.join(" ", heading, leadIn, Pointers.substance(item)).strip(), leadIn, section));
            }
        }
        if (taken == 0) {
            add(units, leadIn, heading, "", section);
        }
        return i;
    }

    private static void add(List<Unit> units, String sentence, String heading, String leadIn, String section) {
        if (Pointers.defers(sentence)) {
            return; // "For details, see the travel policy." answers nothing
        }
        String words = Pointers.substance(sentence);
        units.add(new Unit(sentence, heading.isEmpty() ? words : heading + " " + words, leadIn, section));
    }

    /** See {@link Headings#isHeading(String)}. */
    static boolean isHeading(String sentence) {
        return Headings.isHeading(sentence);
    }

    /** Without list bullets and Markdown emphasis, which read as noise inside a quoted answer. */
    static String readable(String sentence) {
        String text = BULLET.matcher(sentence.strip()).replaceFirst("");
        text = HEADING_MARKS.matcher(text).replaceFirst("");
        return EMPHASIS.matcher(text).replaceAll("");
    }
}
