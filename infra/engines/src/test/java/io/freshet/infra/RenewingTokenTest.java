package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RenewingTokenTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void mintsOnceAndAgainWhenHalfTheLifetimeHasPassed() {
        HandClock clock = new HandClock();
        List<Duration> minted = new ArrayList<>();
        RenewingToken token = new RenewingToken(ttl -> {
            minted.add(ttl);
            return "token-" + minted.size();
        }, Duration.ofMinutes(30), clock);

        assertEquals("token-1", token.get());
        clock.now = clock.now.plus(Duration.ofMinutes(14));
        assertEquals("token-1", token.get());
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertEquals("Bearer token-2", token.header());
        assertEquals(List.of(Duration.ofMinutes(30), Duration.ofMinutes(30)), minted);
    }

    @Test
    void refusesALifetimeThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> new RenewingToken(ttl -> "t", Duration.ZERO));
    }
}
