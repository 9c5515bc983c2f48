package io.freshet.query.answer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeadingsAndPointersTest {

    @Test
    void aSectionNumberIsNotAFigure() {
        assertThat(Headings.isHeading("2. Trip approval and booking")).isTrue();
        assertThat(Headings.isHeading("## First 30 days")).isTrue();
        assertThat(Headings.isHeading("Standard cities USD 250")).isFalse();
    }

    @Test
    void aHeadingJoinedOntoItsSentenceEndsBeforeTheSentenceOpener() {
        String joined = "Zorbl tokens Each employee receives 12 tokens.";
        assertThat(joined.substring(0, Headings.joinedHeadingEnd(joined))).isEqualTo("Zorbl tokens ");
        assertThat(Headings.joinedHeadingEnd("Northwind Analytics reimburses The Economist subscriptions.")).isEqualTo(-1);
        assertThat(Headings.joinedHeadingEnd("Data is hosted in the US (Oregon) region.")).isEqualTo(-1);
        assertThat(Headings.joinedHeadingEnd("Review, then The committee decides.")).isEqualTo(-1);
    }

    @Test
    void structuralLineBreaksSplitSentencesAndWrappingDoesNot() {
        assertThat(Sentences.of("Zorbl tokens\nEach employee receives 12 tokens.\n- Tokens expire.\n- They cannot be sold.", 400))
                .containsExactly("Zorbl tokens", "Each employee receives 12 tokens.", "- Tokens expire.", "- They cannot be sold.");
        assertThat(Sentences.of("Employees who travel more than four times a year receive a card with a\nmonthly limit of USD 7,500.", 400))
                .containsExactly("Employees who travel more than four times a year receive a card with a monthly limit of USD 7,500.");
        assertThat(Sentences.of("2. Trip approval and booking", 400)).containsExactly("2. Trip approval and booking");
    }

    @Test
    void pointersAreRecognisedAsClausesOutsideParentheses() {
        assertThat(Pointers.defers("Invite your team and choose a plan; see the Pricing and Plans page for prices.")).isTrue();
        assertThat(Pointers.defers("For details, refer to the travel policy.")).isTrue();
        assertThat(Pointers.defers("Contact People Operations for more information.")).isTrue();
        assertThat(Pointers.defers("Hotel caps are listed on the Lodging page of the travel policy.")).isTrue();
        assertThat(Pointers.defers("Enroll within 30 days of your start date (see the Benefits FAQ).")).isFalse();
        assertThat(Pointers.defers("Go to id.example/reset and confirm with Okta Verify.")).isFalse();
        assertThat(Pointers.defers("Call extension 4357 for a lost laptop.")).isFalse();
        assertThat(Pointers.substance("Enroll within 30 days of your start date (see the Benefits FAQ).")).isEqualTo(
                "Enroll within 30 days of your start date.");
    }
}
