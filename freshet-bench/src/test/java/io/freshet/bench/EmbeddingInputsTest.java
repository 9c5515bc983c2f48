package io.freshet.bench;

import io.freshet.embedding.HuggingFaceModelTokenizer;
import io.freshet.embedding.ModelSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingInputsTest {

    private static HuggingFaceModelTokenizer tokenizer;

    @BeforeAll
    static void loadTokenizer() {
        tokenizer = new HuggingFaceModelTokenizer(ModelSpec.BGE_SMALL_EN_V15_INT8);
    }

    @AfterAll
    static void closeTokenizer() {
        tokenizer.close();
    }

    @Test
    void aShortTitleGoesOnItsOwnLineWithWhitespaceCollapsed() {
        EmbeddingInputs inputs = new EmbeddingInputs(tokenizer, true, 32);
        assertThat(inputs.of("  Vitamin D \n and   bone density ", "The text.")).isEqualTo("Vitamin D and bone density\nThe text.");
        assertThat(inputs.of("", "The text.")).isEqualTo("The text.");
        assertThat(new EmbeddingInputs(tokenizer, false, 32).of("Title", "The text.")).isEqualTo("The text.");
    }

    @Test
    void aLongTitleIsCutAtAWordWithinTheTokenBudget() {
        EmbeddingInputs inputs = new EmbeddingInputs(tokenizer, true, 8);
        String title = "one two three four five six seven eight nine ten eleven twelve";
        String line = inputs.titleLine(title);
        assertThat(line).endsWith("\n");
        String kept = line.strip();
        assertThat(title).startsWith(kept);
        assertThat(tokenizer.countTokens(kept)).isLessThanOrEqualTo(8);
        assertThat(kept).isEqualTo("one two three four five six seven eight");
    }
}
