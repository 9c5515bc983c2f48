package io.freshet.embedding;

import io.freshet.embedding.ModelTokenizer.Token;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HuggingFaceModelTokenizerTest {

    private static HuggingFaceModelTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = new HuggingFaceModelTokenizer(ModelSpec.BGE_SMALL_EN_V15_INT8);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void tokensMapBackToTheTextTheyCameFrom() {
        String text = "Freshet re-indexes documents within seconds; unbelievably fast!";
        List<Token> tokens = tokenizer.tokenize(text);
        assertThat(tokens).extracting(Token::value)
                .contains("fresh", "##et", "re", "-", "index", "##es", ";", "!");
        for (Token token : tokens) {
            String covered = text.substring(token.start(), token.end()).toLowerCase();
            assertThat(covered).isEqualTo(token.value().replace("##", ""));
        }
        assertThat(tokens.get(0).start()).isZero();
        assertThat(tokens.get(tokens.size() - 1).end()).isEqualTo(text.length());
    }

    @Test
    void offsetsAreStringIndicesEvenAfterCharactersOutsideTheBasicPlane() {
        // Emoji and mathematical letters take two Java chars each; the tokenizer counts them as one.
        String text = "Hi 😀 café, naïve 𝔘nicode! X";
        List<Token> tokens = tokenizer.tokenize(text);
        assertThat(tokens).extracting(t -> text.substring(t.start(), t.end()))
                .containsExactly("Hi", "😀", "café", ",", "naïve", "𝔘nicode", "!", "X");
        assertThat(tokens).extracting(Token::value).contains("cafe", "naive", "[UNK]");
    }

    @Test
    void noSpecialTokensAndNoTruncation() {
        String text = "word ".repeat(2_000);
        List<Token> tokens = tokenizer.tokenize(text);
        assertThat(tokens).hasSize(2_000);
        assertThat(tokenizer.countTokens(text)).isEqualTo(2_000);
        assertThat(tokens).extracting(Token::value).doesNotContain("[CLS]", "[SEP]", "[PAD]");
    }

    @Test
    void emptyAndWhitespaceHaveNoTokens() {
        assertThat(tokenizer.tokenize("")).isEmpty();
        assertThat(tokenizer.countTokens("")).isZero();
        assertThat(tokenizer.countTokens(" \n\t ")).isZero();
    }

    @Test
    void countMatchesTokenize() {
        String text = "Quarterly revenue grew by ten percent, driven by subscriptions.";
        assertThat(tokenizer.countTokens(text)).isEqualTo(tokenizer.tokenize(text).size()).isBetween(10, 14);
    }
}
