package io.freshet.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerOverheadTest {

    @Test
    void theOverheadIsTheAnswersLatencyLessTheModelsOwnTime() {
        AnswerOverhead figures = new AnswerOverhead();
        figures.answered(120.0, List.of(Duration.ofMillis(100)), "generated", null);
        figures.answered(50.0, List.of(Duration.ofMillis(30), Duration.ofMillis(10)), "generated", null); // two calls
        figures.answered(45.5, List.of(Duration.ofMillis(40)), "generated", null);
        figures.searched(4.0);
        figures.searched(3.0);
        figures.searched(5.0);
        figures.streamed(12.5, 11L, 1, "generated", null);

        AnswerOverheadResult result = figures.result(5000, "fake", 3);

        assertThat(result.overhead().samples()).isEqualTo(3);
        assertThat(result.overhead().p50()).isEqualTo(10.0); // 20, 10, 5.5
        assertThat(result.overhead().max()).isEqualTo(20.0);
        assertThat(result.model().p50()).isEqualTo(40.0); // 100, 40, 40
        assertThat(result.answer().p50()).isEqualTo(50.0);
        assertThat(result.search().p50()).isEqualTo(4.0);
        assertThat(result.p50AddedToSearchMs()).isEqualTo(6.0);
        assertThat(result.firstTokenClient().p50()).isEqualTo(12.5);
        assertThat(result.firstTokenServer().p50()).isEqualTo(11.0);
        assertThat(result.generated()).isEqualTo(4);
        assertThat(result.fallbacks()).isZero();
        assertThat(result.valid()).isTrue();
    }

    @Test
    void aFallbackIsCountedNotTimedAndMakesTheFiguresInvalid() {
        AnswerOverhead figures = new AnswerOverhead();
        figures.answered(120.0, List.of(Duration.ofMillis(100)), "generated", null);
        figures.answered(20000.0, List.of(), "extractive-fallback", "timeout");
        figures.streamed(null, 3L, 0, "extractive-fallback", "breaker_open");
        figures.streamed(9.0, 8L, 1, "extractive", null);

        AnswerOverheadResult result = figures.result(5000, "fake", 2);

        assertThat(result.overhead().samples()).isEqualTo(1);
        assertThat(result.answer().max()).isEqualTo(120.0);
        assertThat(result.firstTokenClient().samples()).isZero();
        assertThat(result.fallbacks()).isEqualTo(3);
        assertThat(result.fallbackReasons()).isEqualTo(Map.of("timeout", 1, "breaker_open", 1, "extractive", 1));
        assertThat(result.valid()).isFalse();
    }

    @Test
    void anAbstentionWithoutAModelCallIsLeftOutButKeepsTheFiguresValid() {
        AnswerOverhead figures = new AnswerOverhead();
        figures.answered(120.0, List.of(Duration.ofMillis(100)), "generated", null);
        figures.answered(8.0, List.of(), "generated", null);
        figures.streamed(7.0, 6L, 0, "generated", null);

        AnswerOverheadResult result = figures.result(5000, "fake", 2);

        assertThat(result.overhead().samples()).isEqualTo(1);
        assertThat(result.firstTokenClient().samples()).isZero();
        assertThat(result.modelNotCalled()).isEqualTo(2);
        assertThat(result.generated()).isEqualTo(1);
        assertThat(result.valid()).isTrue();
    }

    @Test
    void aFailedRequestOrNothingGeneratedIsNotAValidMeasurement() {
        AnswerOverhead failed = new AnswerOverhead();
        failed.answered(120.0, List.of(Duration.ofMillis(100)), "generated", null);
        failed.failed();
        assertThat(failed.result(1, "fake", 1).errors()).isEqualTo(1);
        assertThat(failed.result(1, "fake", 1).valid()).isFalse();

        AnswerOverheadResult nothing = new AnswerOverhead().result(1, "fake", 0);
        assertThat(nothing.valid()).isFalse();
        assertThat(nothing.overhead().p50()).isNull();
        assertThat(nothing.p50AddedToSearchMs()).isNull();
    }
}
