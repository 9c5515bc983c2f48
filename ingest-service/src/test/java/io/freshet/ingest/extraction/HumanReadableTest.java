package io.freshet.ingest.extraction;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HumanReadableTest {

    @Test
    void durationsInMillisecondsBelowASecondThenInSeconds() {
        assertThat(HumanReadable.duration(Duration.ofMillis(50))).isEqualTo("50 ms");
        assertThat(HumanReadable.duration(Duration.ofSeconds(60))).isEqualTo("60 s");
        assertThat(HumanReadable.duration(Duration.ofMillis(1549))).isEqualTo("1.5 s");
    }

    @Test
    void sizesAtTheUnitBoundaries() {
        assertThat(HumanReadable.size(1023)).isEqualTo("1023 bytes");
        assertThat(HumanReadable.size(1024)).isEqualTo("1 KB");
        assertThat(HumanReadable.size(1024L * 1024 - 1)).isEqualTo("1024 KB");
        assertThat(HumanReadable.size(1024L * 1024)).isEqualTo("1 MB");
    }
}
