package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.infra.QueryResponses.DocumentStatus;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class QueryResponsesTest {

    @Test
    void readsADocumentStatusAsQueryServiceWritesIt() {
        String body = "{\"id\":\"a.pdf\",\"state\":\"REJECTED\",\"version\":42,\"chunks\":0,"
                + "\"reason\":\"encrypted: a \\\"password\\\" is required\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}";

        assertEquals(Optional.of(new DocumentStatus("REJECTED", 42L, "encrypted: a \"password\" is required")),
                QueryResponses.documentStatus(body));
    }

    @Test
    void aStatusWithoutStateOrNotJsonIsNoStatus() {
        assertEquals(Optional.empty(), QueryResponses.documentStatus("{\"id\":\"a\",\"version\":1}"));
        assertEquals(Optional.empty(), QueryResponses.documentStatus("{\"state\":null}"));
        assertEquals(Optional.empty(), QueryResponses.documentStatus("<html>gateway</html>"));
        assertEquals(Optional.empty(), QueryResponses.documentStatus(""));
    }

    @Test
    void aStatusSettlesOnlyOutOfPendingAndAtThePublishedVersion() {
        assertFalse(new DocumentStatus("PENDING", 5L, null).settledAt(5));
        assertFalse(new DocumentStatus("INDEXED", 4L, null).settledAt(5), "a previous run's version");
        assertTrue(new DocumentStatus("INDEXED", 5L, null).settledAt(5));
        assertTrue(new DocumentStatus("INDEXED", 6L, null).settledAt(5));
        assertTrue(new DocumentStatus("FAILED", null, "x").settledAt(5), "no version: any state counts");
        assertEquals(Optional.of(new DocumentStatus("INDEXED", null, null)),
                QueryResponses.documentStatus("{\"state\":\"INDEXED\",\"version\":\"7\"}"));
    }

    @Test
    void aSearchHasHitsOnlyWithAHitInItsList() {
        assertTrue(QueryResponses.hasHits("{\"hits\":[{\"documentId\":\"a\",\"score\":0.5}]}"));
        assertFalse(QueryResponses.hasHits("{\"hits\":[]}"));
        assertFalse(QueryResponses.hasHits("{\"status\":503,\"detail\":\"hits unavailable\"}"));
        assertFalse(QueryResponses.hasHits("not json"));
    }

    @Test
    void readsTheFirstHitsTitleWithItsEscapes() {
        assertEquals(Optional.of("Travel \"policy\" \\ 2026 — café"), QueryResponses.firstHitTitle(
                "{\"hits\":[{\"title\":\"Travel \\\"policy\\\" \\\\ 2026 \\u2014 caf\\u00e9\"},{\"title\":\"second\"}]}"));
        assertEquals(Optional.empty(), QueryResponses.firstHitTitle("{\"hits\":[{\"title\":\"  \"}]}"));
        assertEquals(Optional.empty(), QueryResponses.firstHitTitle("{\"hits\":[{\"documentId\":\"untitled\"}]}"));
        assertEquals(Optional.empty(), QueryResponses.firstHitTitle("{\"hits\":[]}"));
    }
}
