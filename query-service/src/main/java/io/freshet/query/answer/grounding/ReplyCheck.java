package io.freshet.query.answer.grounding;

import io.freshet.query.answer.Answer;
import io.freshet.query.answer.Evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a model's reply against the prompt it answered: a citation must name a passage the prompt numbered, a
 * sentence that states something must cite one, and the abstention sentence means the sources did not cover the
 * question. The model's numbers are prompt ranks; the answer's are renumbered densely in order of first citation,
 * so "[1]" in the text is always the first element of the citations, as in the extractive answers. Pure.
 */
public final class ReplyCheck {

    /** Longest passage text a citation carries, cut at a word: enough to show where it came from. */
    public static final int SNIPPET_CHARS = 500;

    /** Sentences of fewer words ("In short:", "Yes.") carry no claim of their own and need no citation. */
    static final int MIN_CLAIM_WORDS = 4;

    /** "[2]", "[1, 3]", "[1;3]", with the spaces before it (dropped with a marker that names no passage). */
    private static final Pattern MARKER = Pattern.compile("[ \\t]*\\[\\s*(\\d{1,4}(?:\\s*[,;]\\s*\\d{1,4})*)\\s*]");
    private static final Pattern NUMBER_SEPARATOR = Pattern.compile("\\s*[,;]\\s*");
    private static final Pattern VALID_MARKER = Pattern.compile("\\[\\d+]");
    /** A sentence ends at . ! ? (and any citations right after) before a non-lower-case start or the line's end. */
    private static final Pattern SENTENCE_END = Pattern.compile(
            "[.!?]+[\"'’”)]*(?:\\s*\\[\\d+])*(?=\\s+[^\\p{Ll}\\s]|\\s*$)");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final String ABSTENTION_WORDS = words(GroundedPrompt.ABSTENTION);

    private ReplyCheck() {
    }

    public static CheckedReply check(String reply, GroundedPrompt prompt) {
        return check(reply, prompt.sources());
    }

    /** @param sources the prompt's passages: the reply's "[n]" names {@code sources.get(n - 1)} */
    public static CheckedReply check(String reply, List<NumberedSource> sources) {
        String text = reply == null ? "" : reply.strip();
        Map<Integer, Integer> denseByRank = new LinkedHashMap<>(); // prompt number -> answer number, first cited first
        int invented = 0;
        var rewritten = new StringBuilder();
        Matcher marker = MARKER.matcher(text);
        while (marker.find()) {
            Set<Integer> cited = new LinkedHashSet<>();
            for (String number : NUMBER_SEPARATOR.split(marker.group(1))) {
                int n = Integer.parseInt(number);
                if (n >= 1 && n <= sources.size()) {
                    cited.add(denseByRank.computeIfAbsent(n, k -> denseByRank.size() + 1));
                } else {
                    invented++;
                }
            }
            String replacement = "";
            if (!cited.isEmpty()) {
                String before = marker.group().substring(0, marker.group().indexOf('['));
                var markers = new StringBuilder(before);
                cited.forEach(k -> markers.append('[').append(k).append(']'));
                replacement = markers.toString();
            }
            marker.appendReplacement(rewritten, Matcher.quoteReplacement(replacement));
        }
        marker.appendTail(rewritten);
        String answerText = rewritten.toString().strip();

        List<String> sentences = sentences(answerText);
        if (answerText.isEmpty() || abstains(answerText, sentences, denseByRank.isEmpty())) {
            return new CheckedReply(new Answer(GroundedPrompt.ABSTENTION, false, List.of()), invented, List.of());
        }
        List<String> uncited = sentences.stream()
                .filter(s -> !VALID_MARKER.matcher(s).find() && isClaim(s))
                .toList();
        var citations = new ArrayList<Answer.Citation>();
        denseByRank.keySet().forEach(n -> citations.add(citation(sources.get(n - 1).evidence())));
        return new CheckedReply(new Answer(answerText, !citations.isEmpty(), citations), invented, uncited);
    }

    /**
     * The whole reply is the abstention sentence (any case, punctuation or "don't"), or it contains it and cites
     * nothing: a model that hedges around the sentence has still found nothing to cite.
     */
    private static boolean abstains(String text, List<String> sentences, boolean citesNothing) {
        if (words(text).equals(ABSTENTION_WORDS)) {
            return true;
        }
        return citesNothing && sentences.stream().anyMatch(s -> words(s).equals(ABSTENTION_WORDS));
    }

    /** The sentences of an answer, line by line (list items and headings are lines of their own). */
    static List<String> sentences(String text) {
        var sentences = new ArrayList<String>();
        for (String line : text.split("\\R")) {
            int start = 0;
            Matcher end = SENTENCE_END.matcher(line);
            while (end.find()) {
                add(sentences, line.substring(start, end.end()));
                start = end.end();
            }
            add(sentences, line.substring(start));
        }
        return sentences;
    }

    private static void add(List<String> sentences, String sentence) {
        if (!sentence.isBlank()) {
            sentences.add(sentence.strip());
        }
    }

    /**
     * Headings, lead-ins to a list ("The steps are:"), short connectives and the abstention sentence (said of a
     * part the sources leave open) state nothing to cite.
     */
    private static boolean isClaim(String sentence) {
        if (sentence.startsWith("#") || sentence.endsWith(":")) {
            return false;
        }
        String words = words(sentence);
        return !words.equals(ABSTENTION_WORDS) && words.split(" ").length >= MIN_CLAIM_WORDS;
    }

    /** Lower-case words joined by single spaces, markers and punctuation gone, "n't" spelled "not". */
    private static String words(String text) {
        String lower = VALID_MARKER.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT).replace("n't", " not")
                .replace("n’t", " not");
        return NOT_A_WORD.matcher(lower).replaceAll(" ").strip();
    }

    private static Answer.Citation citation(Evidence e) {
        return new Answer.Citation(e.documentId(), e.title(), e.url(), e.page(), e.origin(), snippet(e.text()),
                e.score());
    }

    /** The passage text, or its first {@link #SNIPPET_CHARS} characters cut at a word, with an ellipsis. */
    static String snippet(String text) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.length() <= SNIPPET_CHARS) {
            return stripped;
        }
        int cut = SNIPPET_CHARS;
        while (cut > SNIPPET_CHARS / 2 && !Character.isWhitespace(stripped.charAt(cut))) {
            cut--;
        }
        return stripped.substring(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS).strip() + "…";
    }
}
