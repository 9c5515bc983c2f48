package io.freshet.connectors;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPauseTest {

    private final AtomicLong nanos = new AtomicLong();
    private final RetryPause pause = new RetryPause(Duration.ofSeconds(1), Duration.ofSeconds(8), nanos::get);

    @Test
    void backsOffExponentiallyUpToTheLongestPauseAndStartsOverAfterASuccess() {
        assertThat(pause.remaining()).isZero();
        assertThat(pause.failed(Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(pause.failed(Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(pause.failed(Optional.empty())).isEqualTo(Duration.ofSeconds(4));
        assertThat(pause.failed(Optional.empty())).isEqualTo(Duration.ofSeconds(8));
        assertThat(pause.failed(Optional.empty())).isEqualTo(Duration.ofSeconds(8));
        assertThat(pause.failures()).isEqualTo(5);

        pause.succeeded();

        assertThat(pause.remaining()).isZero();
        assertThat(pause.failed(Optional.empty())).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void honoursTheSourcesRetryAfterWhenItIsLongerAndCountsDownFromIt() {
        assertThat(pause.failed(Optional.of(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(30));
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(pause.remaining()).isEqualTo(Duration.ofSeconds(1));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(pause.remaining()).isZero();
    }

    @Test
    void anAbsurdRetryAfterIsCappedAtAnHour() {
        assertThat(pause.failed(Optional.of(Duration.ofDays(365)))).isEqualTo(Duration.ofHours(1));
    }
}
