package io.freshet.embedding;

import java.util.List;

/**
 * The embedding model's own tokenizer, so that text can be cut into pieces measured in the unit the model
 * counts. Special tokens ({@code [CLS]}, {@code [SEP]}) are never included.
 */
public interface ModelTokenizer {

    /** How many model tokens the text is, without special tokens and without any truncation. */
    int countTokens(String text);

    /** The text's tokens in order, each with the character range of the text it came from. */
    List<Token> tokenize(String text);

    /**
     * One model token and the part of the text it covers.
     *
     * @param id    the token's vocabulary id
     * @param value the token as the vocabulary spells it (lower-cased, {@code ##} for a word continuation)
     * @param start index in the text of the token's first char (a Java {@code String} index)
     * @param end   index in the text just after the token's last char
     */
    record Token(long id, String value, int start, int end) {
    }
}
