package io.freshet.query.answer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuotableUnitsTest {

    @Test
    void anFaqQuestionIsNotQuotedButItsWordsCountForTheAnswerBelowIt() {
        List<QuotableUnits.Unit> units = QuotableUnits.of(List.of(
                "I forgot my password.", "How do I reset it?", "Go to id.example/reset and confirm with Okta Verify."), 400);

        assertThat(units).hasSize(1);
        assertThat(units.get(0).text()).isEqualTo("Go to id.example/reset and confirm with Okta Verify.");
        assertThat(units.get(0).matchText()).contains("reset it?").contains("forgot my password");
    }

    @Test
    void aLeadInExplainsTheTableRowsBelowItEachQuotedOnItsOwn() {
        List<QuotableUnits.Unit> units = QuotableUnits.of(List.of(
                "The nightly hotel rate may not exceed these caps:", "Location Nightly cap", "Standard cities USD 250",
                "High-cost cities: London, Tokyo USD 350", "Meals are covered by a per diem."), 400);

        assertThat(units).extracting(QuotableUnits.Unit::text).containsExactly(
                "Location: Standard cities; Nightly cap: USD 250",
                "Location: High-cost cities: London, Tokyo; Nightly cap: USD 350",
                "Meals are covered by a per diem.");
        assertThat(units.get(1).matchText()).contains("nightly hotel rate").contains("London");
    }

    @Test
    void eachItemOfALeadInListIsAUnitQuotedAfterIt() {
        List<QuotableUnits.Unit> units = QuotableUnits.of(List.of(
                "There are two medical plans:", "- Cascade PPO: Northwind pays 100% of the premium.",
                "- Cascade HDHP: Northwind pays into your HSA.", "Dental care is separate."), 400);

        assertThat(units).extracting(QuotableUnits.Unit::quoted).containsExactly(
                "There are two medical plans: Cascade PPO: Northwind pays 100% of the premium.",
                "There are two medical plans: Cascade HDHP: Northwind pays into your HSA.",
                "Dental care is separate.");
    }

    @Test
    void aSentenceThatDefersToElsewhereIsNoUnit() {
        List<QuotableUnits.Unit> units = QuotableUnits.of(List.of(
                "Invite your team and choose a plan; see the Pricing and Plans page for prices.",
                "For details, refer to the travel policy.", "Laptops are replaced every three years."), 400);

        assertThat(units).extracting(QuotableUnits.Unit::text).containsExactly("Laptops are replaced every three years.");
    }

    @Test
    void aShortLineWithoutFiguresIsAHeadingButATableRowIsQuotable() {
        assertThat(QuotableUnits.isHeading("Remote work eligibility")).isTrue();
        assertThat(QuotableUnits.isHeading("When do I get a new laptop?")).isTrue();
        assertThat(QuotableUnits.isHeading("Standard cities USD 250")).isFalse();
        assertThat(QuotableUnits.isHeading("Laptops are replaced every three years.")).isFalse();
    }

    @Test
    void bulletsAndMarkdownEmphasisAreNotQuoted() {
        assertThat(QuotableUnits.readable("- Passwords must be at least **14 characters** long."))
                .isEqualTo("Passwords must be at least 14 characters long.");
        assertThat(QuotableUnits.readable("## 2. Multi-factor authentication")).isEqualTo("2. Multi-factor authentication");
    }
}
