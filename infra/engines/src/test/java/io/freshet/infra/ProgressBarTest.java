package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void theLineShowsTheBarTheCountTheRateAndTheTimeLeft() {
        ProgressBar bar = new ProgressBar(40, 20);

        assertEquals("[....................]   0/40 files", bar.line(0, Duration.ZERO, 0));
        assertEquals("[######..............]  12/40 files  4.0 files/s  7 s left  1 not accepted",
                bar.line(12, Duration.ofSeconds(3), 1));
        assertEquals("[####################]  40/40 files  2.0 files/s", bar.line(40, Duration.ofSeconds(20), 0));
    }

    @Test
    void outsideATerminalItPrintsTheFirstEachTenthAndTheLastStep() {
        ProgressBar bar = new ProgressBar(40, 20);
        assertEquals(List.of(1, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40),
                IntStream.rangeClosed(1, 40).filter(bar::worthALine).boxed().toList());
        ProgressBar few = new ProgressBar(3, 20);
        assertEquals(List.of(1, 2, 3), IntStream.rangeClosed(1, 3).filter(few::worthALine).boxed().toList());
    }
}
