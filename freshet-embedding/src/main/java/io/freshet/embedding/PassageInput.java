package io.freshet.embedding;

import io.freshet.embedding.ModelTokenizer.Token;

import java.util.List;

/**
 * The text the model is given for a passage: the document title on a line of its own (cut at a word to at most
 * {@code titleMaxTokens} model tokens), then the passage text. One definition for embed-service, which embeds
 * passages, and for the benchmark, which rebuilds the inputs of stored chunks.
 */
public final class PassageInput {

    private final ModelTokenizer tokenizer;
    private final boolean titleInEmbedding;
    private final int titleMaxTokens;

    public PassageInput(ModelTokenizer tokenizer, boolean titleInEmbedding, int titleMaxTokens) {
        this.tokenizer = tokenizer;
        this.titleInEmbedding = titleInEmbedding;
        this.titleMaxTokens = titleMaxTokens;
    }

    /** The model input for a passage of the document with this title. */
    public String of(String title, String passage) {
        return withTitleLine(titleLine(title), passage);
    }

    /**
     * The model input for a passage, given its document's {@link #titleLine(String)}: without the title line when
     * the passage already opens with the title (a document's first passage usually does: a heading, a cover page),
     * so the model does not spend tokens reading it twice.
     */
    public static String withTitleLine(String titleLine, String passage) {
        return titleLine.isEmpty() || opensWith(passage, titleLine.strip()) ? passage : titleLine + passage;
    }

    /** Whether {@code text} starts with {@code title} as a whole word or more, ignoring case and how whitespace runs. */
    static boolean opensWith(String text, String title) {
        int t = skipWhitespace(text, 0);
        int p = 0;
        while (p < title.length()) {
            if (Character.isWhitespace(title.charAt(p))) {
                int next = skipWhitespace(text, t);
                if (next == t) {
                    return false;
                }
                t = next;
                p = skipWhitespace(title, p);
                continue;
            }
            if (t >= text.length() || !sameLetter(text.charAt(t), title.charAt(p))) {
                return false;
            }
            t++;
            p++;
        }
        return t == text.length() || !Character.isLetterOrDigit(text.charAt(t));
    }

    private static boolean sameLetter(char a, char b) {
        return a == b || Character.toLowerCase(a) == Character.toLowerCase(b);
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The title on a line of its own, cut to the token budget; empty when titles are not embedded. */
    public String titleLine(String title) {
        if (!titleInEmbedding || title == null || title.isBlank() || titleMaxTokens == 0) {
            return "";
        }
        String oneLine = title.strip().replaceAll("\\s+", " ");
        List<Token> tokens = tokenizer.tokenize(oneLine);
        if (tokens.isEmpty()) {
            return "";
        }
        int keep = tokens.size() <= titleMaxTokens ? tokens.size() : cut(oneLine, tokens, titleMaxTokens);
        return oneLine.substring(0, tokens.get(keep - 1).end()) + "\n";
    }

    /** Where a budget of {@code budget} tokens ends: the strongest break in its last quarter, else any earlier space. */
    private static int cut(String text, List<Token> tokens, int budget) {
        int windowStart = Math.max(1, budget - budget / 4);
        int best = -1;
        int bestStrength = 0;
        for (int cut = budget; cut >= windowStart; cut--) {
            int strength = strengthBefore(text, tokens, cut);
            if (strength > bestStrength) {
                best = cut;
                bestStrength = strength;
            }
        }
        if (best > 0) {
            return best;
        }
        for (int cut = windowStart - 1; cut > 0; cut--) {
            if (strengthBefore(text, tokens, cut) > 0) {
                return cut;
            }
        }
        return budget;
    }

    /** 0: no whitespace between the tokens; 1: a word break; 2: a sentence end (a title is one line). */
    private static int strengthBefore(String text, List<Token> tokens, int index) {
        int gapStart = tokens.get(index - 1).end();
        int gapEnd = tokens.get(index).start();
        boolean whitespace = false;
        for (int i = gapStart; i < gapEnd; i++) {
            char c = text.charAt(i);
            whitespace |= Character.isWhitespace(c) || Character.isSpaceChar(c);
        }
        if (!whitespace) {
            return 0;
        }
        int i = gapStart - 1;
        while (i >= 0 && "\"'”’)]".indexOf(text.charAt(i)) >= 0) {
            i--;
        }
        return i >= 0 && ".!?…".indexOf(text.charAt(i)) >= 0 ? 2 : 1;
    }
}
