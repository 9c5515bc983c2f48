package io.freshet.query.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Splits passage text into sentences: at . ! ? before a capital or digit, and at blank lines. */
final class Sentences {

    private static final Pattern PARAGRAPH = Pattern.compile("\\n\\s*\\n");
    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])[\"')\\]]?\\s+(?=[\\p{Lu}\\p{N}\"'(\\[])");
    private static final Pattern SPACE = Pattern.compile("\\s+");
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
            String flat = SPACE.matcher(paragraph).replaceAll(" ").strip(); // PDFs break lines mid-sentence
            if (flat.isEmpty()) {
                continue;
            }
            String pending = "";
            for (String piece : BOUNDARY.split(flat)) {
                pending = pending.isEmpty() ? piece : pending + " " + piece;
                if (!endsWithAbbreviation(pending)) {
                    sentences.add(cap(pending, maxChars));
                    pending = "";
                }
            }
            if (!pending.isEmpty()) {
                sentences.add(cap(pending, maxChars));
            }
        }
        return sentences;
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
