package io.freshet.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model's tokenizer.json run by the Hugging Face tokenizers library (through DJL): no special tokens,
 * no truncation, no padding, so a whole section can be measured and cut. Thread-safe.
 */
public final class HuggingFaceModelTokenizer implements ModelTokenizer, AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    public HuggingFaceModelTokenizer(ModelSpec spec) {
        this.tokenizer = load(spec, Map.of(
                "addSpecialTokens", "false",
                "truncation", "false",
                "padding", "false"));
    }

    static HuggingFaceTokenizer load(ModelSpec spec, Map<String, String> options) {
        byte[] json = ModelResources.read(spec.tokenizerResource());
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer '" + spec.tokenizerResource() + "'", e);
        }
    }

    @Override
    public int countTokens(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        return tokenizer.encode(text).getIds().length;
    }

    @Override
    public List<Token> tokenize(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        Encoding encoding = tokenizer.encode(text);
        long[] ids = encoding.getIds();
        String[] values = encoding.getTokens();
        CharSpan[] spans = encoding.getCharTokenSpans();
        CharIndex index = CharIndex.of(text);
        List<Token> tokens = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            tokens.add(new Token(ids[i], values[i], index.toStringIndex(spans[i].getStart()),
                    index.toStringIndex(spans[i].getEnd())));
        }
        return tokens;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /**
     * The tokenizer reports offsets in Unicode code points; a Java String counts UTF-16 units, which differ
     * after any character outside the Basic Multilingual Plane (emoji, some CJK, math symbols).
     */
    private record CharIndex(int[] stringIndexOfCodePoint) {

        static CharIndex of(String text) {
            int codePoints = text.codePointCount(0, text.length());
            if (codePoints == text.length()) {
                return new CharIndex(null);
            }
            int[] map = new int[codePoints + 1];
            int stringIndex = 0;
            for (int cp = 0; cp < codePoints; cp++) {
                map[cp] = stringIndex;
                stringIndex += Character.charCount(text.codePointAt(stringIndex));
            }
            map[codePoints] = text.length();
            return new CharIndex(map);
        }

        int toStringIndex(int codePointIndex) {
            return stringIndexOfCodePoint == null ? codePointIndex : stringIndexOfCodePoint[codePointIndex];
        }
    }
}
