package io.freshet.bench;

import io.freshet.embedding.ModelTokenizer;
import io.freshet.embedding.ModelTokenizer.Token;

import java.util.List;

/**
 * Rebuilds the text embed-service gave the model for a stored chunk: the document title on a line of its own (cut
 * at a word to at most {@code titleMaxTokens} model tokens), then the chunk text. Mirrors embed-service's
 * {@code Chunker.titleLine} (not a dependency: that module is a Boot application); the bare-throughput phase checks
 * the result by comparing its vectors with the indexed ones.
 */
public final class EmbeddingInputs {

    private final ModelTokenizer tokenizer;
    private final boolean titleInEmbedding;
    private final int titleMaxTokens;

    public EmbeddingInputs(ModelTokenizer tokenizer, boolean titleInEmbedding, int titleMaxTokens) {
        this.tokenizer = tokenizer;
        this.titleInEmbedding = titleInEmbedding;
        this.titleMaxTokens = titleMaxTokens;
    }

    public String of(String title, String chunkText) {
        return titleLine(title) + chunkText;
    }

    String titleLine(String title) {
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
