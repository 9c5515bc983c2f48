package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class TokenOptionsTest {

    private static final Path CWD = Path.of("/checkout");

    private static TokenOptions parse(String... args) {
        return TokenOptions.parse(List.of(args), CWD);
    }

    private static String refusal(String... args) {
        return assertThrows(TokenOptions.UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void aUserWithGroupsAndALifetime() {
        TokenOptions options = parse("--repo", "/r", "--user", "alice", "--groups", "hr, finance", "--ttl-minutes", "15");

        assertTrue(options.forUser());
        assertEquals("alice", options.user());
        assertNull(options.connector());
        assertEquals(List.of("hr", "finance"), options.names());
        assertEquals(Duration.ofMinutes(15), options.ttl());
        assertEquals(Path.of("/r/work/issuer"), options.issuerKeys());
    }

    @Test
    void aUserWithoutGroupsGetsAnHourInTheWorkingCheckout() {
        TokenOptions options = parse("--user", "bob");

        assertEquals(List.of(), options.names());
        assertEquals(Duration.ofMinutes(60), options.ttl());
        assertEquals(Path.of("/checkout/work/issuer"), options.issuerKeys());
    }

    @Test
    void aConnectorWithItsSources() {
        TokenOptions options = parse("--connector", "sharepoint", "--sources", "sp-hr,sp-legal");

        assertEquals("sharepoint", options.connector());
        assertNull(options.user());
        assertEquals(List.of("sp-hr", "sp-legal"), options.names());
    }

    @Test
    void refusesWithoutAUserOrAConnectorOrWithBoth() {
        assertTrue(refusal().contains("--user NAME or --connector NAME"));
        assertTrue(refusal("--groups", "hr").contains("--user NAME or --connector NAME"));
        assertTrue(refusal("--user", "a", "--connector", "c", "--sources", "s").contains("not both"));
    }

    @Test
    void refusesAConnectorWithoutSources() {
        assertTrue(refusal("--connector", "cms").contains("--sources"));
        assertTrue(refusal("--connector", "cms", "--sources", " ").contains("--sources"));
        assertTrue(refusal("--connector", "cms", "--sources", "a,,b").contains("empty item"));
    }

    @Test
    void refusesBlankNamesAndMissingValues() {
        assertTrue(refusal("--user", " ").contains("needs a name"));
        assertTrue(refusal("--connector", "", "--sources", "s").contains("needs a name"));
        assertTrue(refusal("--user", " alice").contains("no spaces"));
        assertTrue(refusal("--user").contains("--user needs a value"));
        assertTrue(refusal("--user", "--groups", "hr").contains("--user needs a value"));
    }

    @Test
    void refusesOptionsOfTheOtherKindOfToken() {
        assertTrue(refusal("--user", "alice", "--sources", "cms").contains("--sources is for a connector"));
        assertTrue(refusal("--connector", "cms", "--sources", "cms", "--groups", "hr").contains("--groups is for a user"));
    }

    @Test
    void refusesUnknownOptionsAndBadLifetimes() {
        assertTrue(refusal("--user", "alice", "--group", "hr").contains("Unknown option: --group"));
        assertTrue(refusal("--user", "alice", "--ttl-minutes", "ten").contains("whole number"));
        assertTrue(refusal("--user", "alice", "--ttl-minutes", "0").contains("between 1 and"));
    }
}
