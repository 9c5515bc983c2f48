package io.freshet.query.answer.grounding;

import io.freshet.query.answer.Answer;
import io.freshet.query.answer.Evidence;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyCheckTest {

    private static final Evidence LEAVE = GroundedPromptTest.LEAVE;
    private static final Evidence PARENTAL = GroundedPromptTest.PARENTAL;
    private static final Evidence CAFETERIA = GroundedPromptTest.CAFETERIA;

    /** The prompt the replies answer: [1] leave, [2] parental leave, [3] cafeteria. */
    private static final GroundedPrompt PROMPT = ((PromptPlan.Ask) GroundedPrompt.plan("What about leave?",
            List.of(LEAVE, PARENTAL, CAFETERIA), new PromptSettings("", null, 8_000))).prompt();

    private static CheckedReply check(String reply) {
        return ReplyCheck.check(reply, PROMPT);
    }

    @Test
    void aCitedReplyIsGroundedAndItsCitationsCarryTheSource() {
        CheckedReply checked = check("Employees get 25 days of paid annual leave per year [1].");

        assertThat(checked.answer().grounded()).isTrue();
        assertThat(checked.answer().answer()).isEqualTo("Employees get 25 days of paid annual leave per year [1].");
        assertThat(checked.inventedCitations()).isZero();
        assertThat(checked.uncitedSentences()).isEmpty();
        assertThat(checked.answer().citations()).containsExactly(new Answer.Citation("hr-leave", "Leave policy",
                "https://intranet/leave", 4, "handbook.pdf", LEAVE.text(), 0.032));
    }

    @Test
    void anInventedMarkerIsRemovedAndCounted() {
        CheckedReply checked = check("Employees get 25 days of paid annual leave [1]. "
                + "Parents receive 16 weeks of parental leave [7]. Both can be split [2, 9].");

        assertThat(checked.inventedCitations()).isEqualTo(2);
        assertThat(checked.answer().answer()).isEqualTo("Employees get 25 days of paid annual leave [1]. "
                + "Parents receive 16 weeks of parental leave. Both can be split [2].");
        assertThat(checked.answer().citations()).extracting(Answer.Citation::documentId)
                .containsExactly("hr-leave", "hr-parental");
        // with its only marker gone, the sentence is an unsupported claim
        assertThat(checked.uncitedSentences()).containsExactly("Parents receive 16 weeks of parental leave.");
    }

    @Test
    void anUncitedSentenceIsFlaggedButShortConnectivesAndLeadInsAreNot() {
        CheckedReply checked = check("""
                In short:
                Employees get 25 days of paid annual leave per year [1].
                The canteen also serves free lunch on Fridays. Yes.
                The rules are:
                - Parents receive 16 weeks of paid leave [2]""");

        assertThat(checked.uncitedSentences()).containsExactly("The canteen also serves free lunch on Fridays.");
        assertThat(checked.answer().grounded()).isTrue();
    }

    @Test
    void groupedAndAdjacentMarkersAreParsed() {
        CheckedReply grouped = check("Leave is 25 days and parents get 16 weeks [1, 2].");
        CheckedReply adjacent = check("Leave is 25 days and parents get 16 weeks [1][2].");
        CheckedReply semicolon = check("Leave is 25 days and parents get 16 weeks [ 1 ;2 ].");

        for (CheckedReply checked : List.of(grouped, adjacent, semicolon)) {
            assertThat(checked.answer().answer()).isEqualTo("Leave is 25 days and parents get 16 weeks [1][2].");
            assertThat(checked.answer().citations()).extracting(Answer.Citation::documentId)
                    .containsExactly("hr-leave", "hr-parental");
            assertThat(checked.inventedCitations()).isZero();
            assertThat(checked.uncitedSentences()).isEmpty();
        }
        assertThat(check("Leave is 25 days and so on in detail [1, 3].").answer().citations())
                .extracting(Answer.Citation::documentId).containsExactly("hr-leave", "facilities");
    }

    @Test
    void citationsAreRenumberedInOrderOfFirstUse() {
        CheckedReply checked = check("The cafeteria opens at 8 am [3]. Staff get 25 days of annual leave [1]. "
                + "Vegetarian dishes are served daily [3].");

        assertThat(checked.answer().answer()).isEqualTo("The cafeteria opens at 8 am [1]. "
                + "Staff get 25 days of annual leave [2]. Vegetarian dishes are served daily [1].");
        assertThat(checked.answer().citations()).extracting(Answer.Citation::documentId)
                .containsExactly("facilities", "hr-leave");
    }

    @Test
    void aMarkerAfterTheFullStopBelongsToItsSentence() {
        CheckedReply checked = check("Staff get 25 days of annual leave. [1] Parents receive sixteen weeks of leave.[2]");

        assertThat(checked.uncitedSentences()).isEmpty();
        assertThat(ReplyCheck.sentences(checked.answer().answer())).containsExactly(
                "Staff get 25 days of annual leave. [1]", "Parents receive sixteen weeks of leave.[2]");
        assertThat(ReplyCheck.sentences("Bring documents, e.g. a passport [1]. Then sign it [2].")).containsExactly(
                "Bring documents, e.g. a passport [1].", "Then sign it [2].");
    }

    @Test
    void theAbstentionSentenceIsNotGrounded() {
        for (String reply : List.of(GroundedPrompt.ABSTENTION, "the sources don't cover this", "The sources do not cover this [7].",
                "I am sorry. The Sources do NOT cover this!")) {
            CheckedReply checked = check(reply);

            assertThat(checked.answer().grounded()).as(reply).isFalse();
            assertThat(checked.answer().citations()).as(reply).isEmpty();
            assertThat(checked.answer().answer()).as(reply).isEqualTo(GroundedPrompt.ABSTENTION);
            assertThat(checked.uncitedSentences()).as(reply).isEmpty();
        }
        assertThat(check("The sources do not cover this [7].").inventedCitations()).isEqualTo(1);
        assertThat(check("").answer().grounded()).isFalse();
    }

    @Test
    void aPartialAnswerThatAlsoAbstainsOnTheRestStaysGrounded() {
        CheckedReply checked = check("Employees get 25 days of annual leave [1]. The sources do not cover this.");

        assertThat(checked.answer().grounded()).isTrue();
        assertThat(checked.answer().citations()).hasSize(1);
        assertThat(checked.uncitedSentences()).isEmpty();
    }

    @Test
    void aReplyWithoutAnyValidCitationIsNotGrounded() {
        CheckedReply checked = check("Employees get 25 days of paid annual leave [4].");

        assertThat(checked.answer().grounded()).isFalse();
        assertThat(checked.answer().citations()).isEmpty();
        assertThat(checked.answer().answer()).isEqualTo("Employees get 25 days of paid annual leave.");
        assertThat(checked.inventedCitations()).isEqualTo(1);
        assertThat(checked.uncitedSentences()).containsExactly("Employees get 25 days of paid annual leave.");
    }

    @Test
    void aLongPassageIsCitedWithABoundedSnippet() {
        String longText = "Annual leave is granted per calendar year to all staff. ".repeat(30).strip();
        var longLeave = new Evidence("hr-long", "Leave", null, longText, 0.5, 0.9);
        GroundedPrompt prompt = ((PromptPlan.Ask) GroundedPrompt.plan("Leave?", List.of(longLeave),
                new PromptSettings("", null, 8_000))).prompt();

        String snippet = ReplyCheck.check("Leave is granted per calendar year [1].", prompt)
                .answer().citations().get(0).snippet();

        assertThat(snippet).hasSizeLessThanOrEqualTo(ReplyCheck.SNIPPET_CHARS + 1).endsWith("…");
        assertThat(longText).startsWith(snippet.substring(0, snippet.length() - 1));
        assertThat(snippet.charAt(snippet.length() - 2)).isNotEqualTo(' ');
    }
}
