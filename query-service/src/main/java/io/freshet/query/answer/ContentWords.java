package io.freshet.query.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words of a text that carry its meaning: lower-cased, without function words, reduced to a rough
 * stem so that "policies", "policy" and "leaves", "leave" meet. Deliberately light: it only has to make a
 * question and a sentence agree, not produce dictionary roots.
 */
public final class ContentWords {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private static final Set<String> FUNCTION_WORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
            "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
            "could", "did", "do", "does", "doing", "done", "down", "during", "each", "either", "else", "ever",
            "every", "few", "for", "from", "further", "get", "gets", "got", "had", "has", "have", "having", "he",
            "her", "here", "hers", "him", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its",
            "itself", "just", "know", "let", "like", "long", "many", "may", "me", "might", "more", "most", "much", "must",
            "my", "no", "nor", "not", "now", "of", "off", "often", "on", "once", "one", "only", "or", "other", "our", "ours",
            "out", "over", "own", "please", "same", "shall", "she", "should", "so", "some", "such", "tell", "than",
            "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "thing", "things", "this",
            "those", "through", "to", "too", "under", "until", "up", "upon", "us", "use", "used", "very", "was",
            "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why",
            "will", "with", "within", "without", "would", "yes", "yet", "you", "your", "yours");

    private ContentWords() {
    }

    /** The stems of the content words, in text order, repeats kept. */
    public static List<String> of(String text) {
        var stems = new ArrayList<String>();
        if (text == null) {
            return stems;
        }
        for (String token : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (token.length() < 2 || FUNCTION_WORDS.contains(token)) {
                continue;
            }
            stems.add(stem(token));
        }
        return stems;
    }

    static String stem(String word) {
        if (word.length() <= 3 || !Character.isLetter(word.charAt(word.length() - 1))) {
            return word;
        }
        String w = word;
        // 1. plural
        if (w.endsWith("ies") && w.length() > 4) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.endsWith("sses")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        }
        // 2. one derivational or verb ending
        if (w.endsWith("ation") && w.length() > 7) {
            w = w.substring(0, w.length() - 5);
        } else if (w.endsWith("ing") && w.length() > 5) {
            w = w.substring(0, w.length() - 3);
        } else if (w.endsWith("ied") && w.length() > 4) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.endsWith("ed") && w.length() > 4) {
            w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("ly") && w.length() > 4) {
            w = w.substring(0, w.length() - 2);
        }
        // 3. a final e, so "leave", "leaves" and "leaving" all end as "leav"
        if (w.endsWith("e") && w.length() > 4) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }
}
