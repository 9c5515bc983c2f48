package io.freshet.query.answer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TableRowsTest {

    @Test
    void headerCellsStartWithACapitalOutsideParentheses() {
        assertThat(TableRows.headerCells("Location Nightly cap (before taxes)")).containsExactly("Location", "Nightly cap (before taxes)");
        assertThat(TableRows.headerCells("Priority Example First response Target resolution"))
                .containsExactly("Priority", "Example", "First response", "Target resolution");
        assertThat(TableRows.headerCells("Years of service PTO days per year")).containsExactly("Years of service", "PTO days per year");
    }

    @Test
    void rowCellsSplitWhereValuesStartThenAtCapitalsOfTheLabel() {
        assertThat(TableRows.rowCells("Standard cities USD 250", 2)).containsExactly("Standard cities", "USD 250");
        assertThat(TableRows.rowCells("P2 - High You cannot work at all 1 hour 1 business day", 4))
                .containsExactly("P2 - High", "You cannot work at all", "1 hour", "1 business day");
        assertThat(TableRows.rowCells("Annual billing, per user per month USD 29 USD 79 from USD 45,000 per year", 3))
                .containsExactly("Annual billing, per user per month", "USD 29", "USD 79", "from USD 45,000 per year");
        assertThat(TableRows.rowCells("Users 1 to 10 up to 250 unlimited", 3)).as("cells that cannot be told apart").isNull();
    }

    @Test
    void aRowWhoseCellsCannotBeToldApartIsQuotedWholeAfterItsHeader() {
        TableRows.Table table = TableRows.at(List.of("Starter Team Enterprise", "Storage 5 GB 100 GB 1 TB",
                "Users 1 to 10 up to 250 unlimited", "Data refresh 60 minutes 15 minutes 5 minutes"), 0);

        assertThat(table.rows()).containsExactly("Storage — Starter: 5 GB; Team: 100 GB; Enterprise: 1 TB",
                "Starter, Team, Enterprise: Users 1 to 10 up to 250 unlimited",
                "Data refresh — Starter: 60 minutes; Team: 15 minutes; Enterprise: 5 minutes");
        assertThat(table.end()).isEqualTo(4);
    }

    @Test
    void aLabelWrappedOntoALineOfItsOwnJoinsItsValue() {
        TableRows.Table table = TableRows.at(List.of("Location Nightly cap (before taxes)", "Standard cities USD 250",
                "High-cost cities: New York, London, Tokyo", "USD 350", "Stays with friends are encouraged."), 0);

        assertThat(table.rows()).containsExactly("Location: Standard cities; Nightly cap (before taxes): USD 250",
                "Location: High-cost cities: New York, London, Tokyo; Nightly cap (before taxes): USD 350");
        assertThat(table.end()).isEqualTo(4);
    }

    @Test
    void headingsAndSentencesAreNoTable() {
        assertThat(TableRows.at(List.of("Team plan", "Price: USD 79 per user per month."), 0)).isNull();
        assertThat(TableRows.at(List.of("Work arrangements", "Hybrid employees work from the office on Tuesdays."), 0)).isNull();
        assertThat(TableRows.at(List.of("Northwind Insight ships with 45 connectors."), 0)).isNull();
    }
}
