package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aCrashLoopWaitsOneSecondThenDoublesUpToAMinute() {
        RestartBackoff backoff = RestartBackoff.standard();
        Instant now = T0;
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            backoff.started(now);
            now = now.plusSeconds(3); // dies 3 s after each start
            Duration delay = backoff.exited(now);
            delays.add(delay.toSeconds());
            now = now.plus(delay);
        }

        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L, 60L), delays);
        assertEquals(10, backoff.consecutiveExits());
    }

    @Test
    void aRunThatLastedTwoMinutesStartsTheCountAfresh() {
        RestartBackoff backoff = RestartBackoff.standard();
        backoff.started(T0);
        assertEquals(Duration.ofSeconds(1), backoff.exited(T0.plusSeconds(5)));
        backoff.started(T0.plusSeconds(6));
        assertEquals(Duration.ofSeconds(2), backoff.exited(T0.plusSeconds(10)));

        backoff.started(T0.plusSeconds(12));
        assertEquals(Duration.ofSeconds(1), backoff.exited(T0.plusSeconds(12).plus(RestartBackoff.STABLE_AFTER)),
                "up for the whole stable period: a new incident, not the same crash loop");
        assertEquals(1, backoff.consecutiveExits());

        backoff.started(T0.plusSeconds(200));
        assertEquals(Duration.ofSeconds(2), backoff.exited(T0.plusSeconds(200).plus(RestartBackoff.STABLE_AFTER)
                .minusMillis(1)), "one millisecond short of stable still counts as the loop");
    }

    @Test
    void thousandsOfCrashesNeitherOverflowNorExceedTheMaximum() {
        RestartBackoff backoff = new RestartBackoff(Duration.ofMillis(10), Duration.ofMillis(70), Duration.ofHours(1));
        Duration last = Duration.ZERO;
        for (int i = 0; i < 5_000; i++) {
            backoff.started(T0);
            last = backoff.exited(T0);
        }
        assertEquals(Duration.ofMillis(70), last);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new RestartBackoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new RestartBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO));
    }
}
