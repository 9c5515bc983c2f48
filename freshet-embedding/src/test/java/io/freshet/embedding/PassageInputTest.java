package io.freshet.embedding;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PassageInputTest {

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
        PassageInput inputs = new PassageInput(tokenizer, true, 32);
        assertThat(inputs.of("  Vitamin D \n and   bone density ", "The text.")).isEqualTo("Vitamin D and bone density\nThe text.");
        assertThat(inputs.of("", "The text.")).isEqualTo("The text.");
        assertThat(inputs.of(null, "The text.")).isEqualTo("The text.");
        assertThat(new PassageInput(tokenizer, false, 32).of("Title", "The text.")).isEqualTo("The text.");
    }

    @Test
    void aLongTitleIsCutAtAWordWithinTheTokenBudget() {
        PassageInput inputs = new PassageInput(tokenizer, true, 8);
        String title = "one two three four five six seven eight nine ten eleven twelve";
        String line = inputs.titleLine(title);
        assertThat(line).endsWith("\n");
        String kept = line.strip();
        assertThat(title).startsWith(kept);
        assertThat(tokenizer.countTokens(kept)).isLessThanOrEqualTo(8);
        assertThat(kept).isEqualTo("one two three four five six seven eight");
    }

    @Test
    void aPassageThatOpensWithItsTitleIsNotGivenItTwice() {
        PassageInput inputs = new PassageInput(tokenizer, true, 32);
        // The first passage of a document whose text starts with its title (a heading, a SciFact abstract as ingested).
        assertThat(inputs.of("Vitamin D and bone density", "Vitamin D and bone density\n\nThe text."))
                .isEqualTo("Vitamin D and bone density\n\nThe text.");
        // Case and whitespace do not hide the repetition.
        assertThat(inputs.of("Vitamin  D and bone density", "  VITAMIN D\nand bone density: the text."))
                .isEqualTo("  VITAMIN D\nand bone density: the text.");
        // A cut title still counts when the passage opens with the kept part.
        PassageInput shortTitles = new PassageInput(tokenizer, true, 3);
        assertThat(shortTitles.of("one two three four five", "one two three four five. Text.")).isEqualTo("one two three four five. Text.");
        // A passage that merely mentions the title later, or opens with a longer word, still gets the title line.
        assertThat(inputs.of("Vitamin D", "Text about Vitamin D.")).isEqualTo("Vitamin D\nText about Vitamin D.");
        assertThat(inputs.of("Vitamin D", "Vitamin Deficiency is common.")).isEqualTo("Vitamin D\nVitamin Deficiency is common.");
    }
}
