package io.freshet.query.answer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extractive answer over made-up documents shaped like extraction's output for tables, headings, lists
 * and pointers: it quotes a table's matching row as "column: value" phrases, keeps headings apart from their
 * sentences, quotes only what bears on the question, and never answers with a pointer to elsewhere.
 */
class ReadableAnswersTest {

    private static final AnswerPolicy POLICY = new AnswerPolicy(2, 0.35, 0.6, 0.4, 3, 0.6, 0.05, 0.5, 0.6, 400);

    private final ExtractiveAnswerer answerer = new ExtractiveAnswerer(POLICY);

    private static Answer ask(ExtractiveAnswerer answerer, String question, String... passages) {
        var evidence = new java.util.ArrayList<Evidence>();
        for (int i = 0; i < passages.length; i++) {
            evidence.add(new Evidence("doc-" + i, "Zorbl Handbook", null, passages[i], 0.03 / (1 + i), 0.8));
        }
        return answerer.answer(question, evidence);
    }

    @Test
    void aRowOfASpaceSeparatedTableIsQuotedAsColumnValuePhrases() {
        // HTML and PDF tables reach the answerer as a header line and one line per row, cells joined by spaces.
        String budgets = "Home office budgets were raised by 5% in March 2025.\n\nOffice Desk budget Chair budget\n\n"
                + "Lisbon EUR 400 EUR 250\n\nOslo EUR 700 EUR 450\n\nNairobi EUR 300 EUR 200";

        Answer row = ask(answerer, "What is the chair budget in Oslo?", budgets);
        Answer prose = ask(answerer, "When were home office budgets raised?", budgets);
        Answer offTopic = ask(answerer, "What is the capital of Mongolia?", budgets);

        assertThat(row.grounded()).isTrue();
        assertThat(row.answer()).isEqualTo("Office: Oslo; Desk budget: EUR 700; Chair budget: EUR 450 [1].");
        assertThat(prose.answer()).as("prose with figures and capitals is no table")
                .isEqualTo("Home office budgets were raised by 5% in March 2025 [1].");
        assertThat(offTopic.grounded()).isFalse();
    }

    @Test
    void aHeadingJoinedOntoItsSentenceOnOneLineIsTakenApart() {
        String tokens = "Zorbl tokens Each employee receives 12 Zorbl tokens per month. Unused tokens expire after 90 days.";

        Answer answer = answerer.answer("How many Zorbl tokens does each employee receive?", List.of(
                new Evidence("empty", "Empty", null, "", 0.02, 0.8),
                new Evidence("tokens", "Tokens", null, tokens, 0.01, 0.8)));

        assertThat(answer.answer()).startsWith("Each employee receives 12 Zorbl tokens per month [1].");
    }

    @Test
    void aPointerToElsewhereIsNotAnAnswer() {
        String pointers = "Zorbl mugs are sold in the Zorbl store; see the Zorbl store page for mug prices.\n\n"
                + "For details on Zorbl mug prices, refer to the merchandise guide.";

        Answer answer = ask(answerer, "What are the prices of Zorbl mugs in the Zorbl store?", pointers);

        assertThat(answer.grounded()).isFalse();
        assertThat(answer.answer()).isEqualTo(ExtractiveAnswerer.DONT_KNOW);
    }

    @Test
    void aPointerIsPassedOverForTheSentenceThatAnswersEvenWithAPointerInParentheses() {
        String store = "Contact the Zorbl store team for more information about Zorbl mug prices.\n\n"
                + "A Zorbl mug is priced at 8 tokens in the Zorbl store (see the Zorbl store page).";

        Answer answer = ask(answerer, "What are Zorbl mug prices in the Zorbl store?", store);

        assertThat(answer.answer()).isEqualTo("A Zorbl mug is priced at 8 tokens in the Zorbl store (see the Zorbl store page) [1].");
    }

    @Test
    void aMarkdownTableRowKeepsItsCells() {
        String plans = "## Zorbl plans\n\n| Plan | Seats | Monthly price |\n|---|---|---|\n| Basic | 5 | USD 10 |\n"
                + "| Pro | 50 | USD 40 |\n| Max | unlimited | USD 90 |";

        Answer answer = ask(answerer, "What is the monthly price of the Pro plan?", plans);

        assertThat(answer.answer()).startsWith("Plan: Pro; Seats: 50; Monthly price: USD 40 [1].")
                .doesNotContain("Basic").doesNotContain("| ");
    }

    @Test
    void aWordTableWithOneCellPerLineIsReadAsRows() {
        String rates = "Which shift rates apply?\n\nShift\n\nHourly rate\n\nDay shift\n\nEUR 24\n\nNight shift\n\nEUR 31";

        Answer answer = ask(answerer, "What is the hourly rate for the night shift?", rates);

        assertThat(answer.answer()).startsWith("Shift: Night shift; Hourly rate: EUR 31 [1].").doesNotContain("EUR 24");
    }

    @Test
    void aTableUnderALeadInIsNotSplicedOntoIt() {
        String caps = "The nightly Zorbl allowance may not exceed these caps:\n\nRegion Nightly cap\n\n"
                + "Inner ring ZRB 40\n\nOuter ring ZRB 25";

        Answer answer = ask(answerer, "What is the nightly cap in the outer ring?", caps);

        assertThat(answer.answer()).isEqualTo("Region: Outer ring; Nightly cap: ZRB 25 [1].");
    }

    @Test
    void aHeadingOnTheLineAboveIsNotGluedOntoItsSentence() {
        String tokens = "Zorbl tokens\nEach employee receives 12 Zorbl tokens per month. Unused tokens expire after 90 days.";

        Answer answer = ask(answerer, "How many Zorbl tokens does each employee receive?", tokens);

        assertThat(answer.answer()).startsWith("Each employee receives 12 Zorbl tokens per month [1].")
                .doesNotContain("Zorbl tokens Each");
    }

    @Test
    void aSentenceFromAnotherFaqEntryIsNotAddedForSharingAWord() {
        String faq = "How do I reset my Zorbl password?\n\nUse the reset page and confirm on your phone. "
                + "Zorbl passwords must have at least 16 characters.\n\nHow do I join the guest Wi-Fi?\n\n"
                + "The guest Wi-Fi password changes every Friday and is posted at the front desk.";

        Answer answer = ask(answerer, "How many characters must a Zorbl password have?", faq);

        assertThat(answer.answer()).contains("at least 16 characters").doesNotContain("Wi-Fi");
    }

    @Test
    void aChecklistIsQuotedOnlyAsFarAsItsItemsBearOnTheQuestion() {
        String checklist = "## First month\n\n- Sign your contract in the portal.\n- Collect your Zorbl badge at reception.\n"
                + "- Enroll in the pension plan within 30 days of your start date.\n- Read the handbook.\n"
                + "- Book a lunch with your buddy.";

        Answer answer = ask(answerer, "When must I enroll in the pension plan?", checklist);

        assertThat(answer.answer()).isEqualTo("Enroll in the pension plan within 30 days of your start date [1].");
    }

    @Test
    void theItemsOfAListTheQuestionAsksForAreQuotedOnceAfterTheirLeadIn() {
        String plans = "There are two Zorbl health plans:\n- Alpha PPO: covers 90% of hospital costs.\n"
                + "- Beta HMO: covers 100% within the network.\n\nDental care is separate.";

        Answer answer = ask(answerer, "Which Zorbl health plans are there?", plans);

        assertThat(answer.answer()).isEqualTo("There are two Zorbl health plans: Alpha PPO: covers 90% of hospital "
                + "costs; Beta HMO: covers 100% within the network [1].");
    }

    @Test
    void sentencesOfOnePassageAreQuotedInTheirOwnOrder() {
        String leave = "Employees get 25 days of annual leave. Unused annual leave days carry over until March 31.";

        Answer answer = ask(answerer, "How many days of annual leave do employees get, and do unused days carry over?", leave);

        assertThat(answer.answer()).isEqualTo(
                "Employees get 25 days of annual leave [1]. Unused annual leave days carry over until March 31 [1].");
    }

}
