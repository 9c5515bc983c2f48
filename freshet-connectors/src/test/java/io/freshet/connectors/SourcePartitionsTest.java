package io.freshet.connectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourcePartitionsTest {

    @Test
    void keepsTheKeysInTheOrderGivenSoTheStoredOffsetsKeyIsTheSameInEveryJvm() {
        assertThat(SourcePartitions.of("z", 1, "a", 2, "m", 3, "b", 4).keySet()).containsExactly("z", "a", "m", "b");
    }

    @Test
    void keysAndValuesComeInPairs() {
        assertThatThrownBy(() -> SourcePartitions.of("a", 1, "b")).isInstanceOf(IllegalArgumentException.class);
    }
}
