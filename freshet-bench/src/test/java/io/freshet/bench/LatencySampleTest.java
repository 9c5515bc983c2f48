package io.freshet.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatencySampleTest {

    @Test
    void percentilesAreNearestRank() {
        List<Double> millis = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            millis.add((double) i);
        }
        Collections.shuffle(millis);
        LatencySample sample = new LatencySample(millis);
        assertThat(sample.percentile(50)).isEqualTo(50.0);
        assertThat(sample.percentile(99)).isEqualTo(99.0);
        assertThat(sample.percentile(100)).isEqualTo(100.0);
        assertThat(sample.max()).isEqualTo(100.0);
        assertThat(new LatencySample(List.of(7.0)).percentile(99)).isEqualTo(7.0);
        assertThat(new LatencySample(List.of()).percentile(50)).isNaN();
    }
}
