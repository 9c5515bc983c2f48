package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.infra.DirectoryPublisher.Published;
import io.freshet.infra.QueryResponses.DocumentStatus;

import java.util.List;

import org.junit.jupiter.api.Test;

class SettlementTest {

    private final Settlement settlement = new Settlement(List.of(
            new Published("b.pdf", 10, true, null),
            new Published("a.html", 10, true, null),
            new Published("c.png", 10, true, null)));

    @Test
    void waitsForEachDocumentInPublicationOrderUntilItLeavesPending() {
        settlement.observe("a.html", new DocumentStatus("PENDING", 10L, null));
        settlement.observe("c.png", new DocumentStatus("INDEXED", 9L, null)); // the previous run's
        assertEquals(List.of("b.pdf", "a.html", "c.png"), settlement.pending());

        settlement.observe("a.html", new DocumentStatus("INDEXED", 10L, null));
        settlement.observe("unknown", new DocumentStatus("INDEXED", 10L, null));
        assertEquals(List.of("b.pdf", "c.png"), settlement.pending());
        assertEquals(1, settlement.settledCount());
        assertEquals(3, settlement.total());
        assertFalse(settlement.complete());
    }

    @Test
    void aSettledDocumentKeepsItsFirstSettledState() {
        settlement.observe("b.pdf", new DocumentStatus("REJECTED", 10L, "encrypted"));
        settlement.observe("b.pdf", new DocumentStatus("INDEXED", 11L, null));
        settlement.observe("a.html", new DocumentStatus("INDEXED", 10L, null));
        settlement.observe("c.png", new DocumentStatus("INDEXED", null, null));

        assertTrue(settlement.complete());
        assertEquals(List.of("  documents after 2.5 s: {INDEXED=2, REJECTED=1}", "    REJECTED b.pdf — encrypted"),
                settlement.report(2.5));
    }

    @Test
    void reportsTheCountsThenWhatDidNotEndIndexedThenWhatIsStillPending() {
        settlement.observe("c.png", new DocumentStatus("REJECTED", 10L, "no text layer"));
        settlement.observe("a.html", new DocumentStatus("FAILED", 10L, null));

        assertEquals(List.of(
                "  documents after 60.0 s: {FAILED=1, REJECTED=1}",
                "    FAILED a.html",
                "    REJECTED c.png — no text layer",
                "    PENDING b.pdf"), settlement.report(60));
    }
}
