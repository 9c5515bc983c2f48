package io.freshet.ingest.extraction;

import io.freshet.contract.failure.TransientFailureException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parser threads without Tika: results, timeouts, failures and saturation. */
class ExtractionPoolTest {

    @Test
    void runsAParseOnAParserThreadAndReturnsItsResult() {
        try (ExtractionPool pool = new ExtractionPool(1, Duration.ofSeconds(5))) {
            assertThat(pool.run(() -> Thread.currentThread().getName())).startsWith("tika-parser-");
            assertThat(pool.busy()).isZero();
        }
    }

    @Test
    void aParseBeyondTheTimeoutIsRejectedAndAnAbandonedParserStaysCountedAsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ExtractionPool pool = new ExtractionPool(1, Duration.ofMillis(50))) {
            assertThatThrownBy(() -> pool.run(() -> awaitIgnoringInterrupts(release)))
                    .isInstanceOfSatisfying(ExtractionRejectedException.class,
                            e -> assertThat(e.kind()).isEqualTo(RejectionKind.TIMEOUT))
                    .hasMessage("parse timeout: no result within 50 ms");
            assertThat(pool.busy()).isEqualTo(1);

            // Its only thread is stuck: the next caller hears at once that the parsers are saturated.
            assertThatThrownBy(() -> pool.run(() -> "never"))
                    .isInstanceOf(TransientFailureException.class)
                    .hasMessage("extraction saturated: all 1 parser threads are busy (1 inside a parse)");
        } finally {
            release.countDown();
        }
    }

    @Test
    void failuresBecomeRejectionsWithAReason() {
        try (ExtractionPool pool = new ExtractionPool(1, Duration.ofSeconds(5))) {
            ExtractionRejectedException own = new ExtractionRejectedException(RejectionKind.NO_TEXT, "no text: blank");
            assertThatThrownBy(() -> pool.run(() -> {
                throw own;
            })).isSameAs(own);
            assertThatThrownBy(() -> pool.run(() -> {
                throw new IOException("Truncated ZIP file");
            })).isInstanceOf(ExtractionRejectedException.class).hasMessage("unreadable: Truncated ZIP file");
            assertThatThrownBy(() -> pool.run(() -> {
                throw new OutOfMemoryError("Java heap space");
            })).isInstanceOfSatisfying(ExtractionRejectedException.class,
                    e -> assertThat(e.kind()).isEqualTo(RejectionKind.UNREADABLE))
                    .hasMessage("unreadable: the parser ran out of memory on this file");
            assertThatThrownBy(() -> pool.run(() -> {
                throw new StackOverflowError();
            })).hasMessage("unreadable: the parser overflowed its stack (nested too deeply)");
            assertThat(pool.busy()).isZero();
        }
    }

    /** A parser that ignores interrupts, as some do: it only ends when the test lets it. */
    private static String awaitIgnoringInterrupts(CountDownLatch release) {
        while (true) {
            try {
                release.await(10, TimeUnit.SECONDS);
                return "late";
            } catch (InterruptedException ignored) {
                // like a parser stuck in a loop that never checks
            }
        }
    }
}
