package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class UpOptionsTest {

    private static final Path HERE = Path.of("/checkout");

    @Test
    void defaultsToTheWorkingDirectoryAndItsSamples() {
        UpOptions options = UpOptions.parse(List.of(), HERE);

        assertEquals(HERE, options.repo());
        assertEquals(HERE.resolve("samples"), options.docs());
        assertEquals(Duration.ofSeconds(240), options.serviceTimeout());
        assertEquals(Duration.ofSeconds(60), options.settleTimeout());
        assertTrue(options.publishesSamples());
    }

    @Test
    void takesEveryOptionWithItsValue() {
        UpOptions options = UpOptions.parse(List.of("--repo", "/r", "--docs", "/d/../mine", "--service-timeout", "30",
                "--settle-timeout", "5"), HERE);

        assertEquals(Path.of("/r"), options.repo());
        assertEquals(Path.of("/mine"), options.docs());
        assertEquals(Duration.ofSeconds(30), options.serviceTimeout());
        assertEquals(Duration.ofSeconds(5), options.settleTimeout());
        assertFalse(options.publishesSamples());
    }

    @Test
    void theDocsDefaultFollowsTheRepoAndALaterRepeatWins() {
        UpOptions options = UpOptions.parse(List.of("--repo", "/r", "--settle-timeout", "5", "--settle-timeout", "7"), HERE);

        assertEquals(Path.of("/r/samples"), options.docs());
        assertEquals(Duration.ofSeconds(7), options.settleTimeout());
    }

    @Test
    void refusesAnUnknownOptionOrOneWithoutItsValue() {
        assertEquals("Unknown or incomplete option: --verbose",
                assertThrows(UpOptions.UsageException.class, () -> UpOptions.parse(List.of("--verbose", "x"), HERE))
                        .getMessage());
        assertEquals("Unknown or incomplete option: --docs",
                assertThrows(UpOptions.UsageException.class, () -> UpOptions.parse(List.of("--docs"), HERE))
                        .getMessage());
    }
}
