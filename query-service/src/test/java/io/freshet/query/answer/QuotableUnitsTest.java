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
    void aLeadInKeepsTheRowsThatFollowIt() {
        List<QuotableUnits.Unit> units = QuotableUnits.of(List.of(
                "The nightly hotel rate may not exceed these caps:", "Standard cities USD 250",
                "High-cost cities: London, Tokyo USD 350", "Meals are covered by a per diem."), 400);

        assertThat(units.get(0).text()).isEqualTo(
                "The nightly hotel rate may not exceed these caps: Standard cities USD 250; High-cost cities: London, Tokyo USD 350; Meals are covered by a per diem.");
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
