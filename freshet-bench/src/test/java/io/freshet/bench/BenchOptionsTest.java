package io.freshet.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void everyPhaseRunsUnlessSomeAreChosen() {
        BenchOptions all = BenchOptions.parse(new String[] {"--repo", "/tmp/repo"});
        assertThat(BenchOptions.PHASES).allMatch(all::runs);
        assertThat(all.exportVectors()).isFalse();

        BenchOptions some = BenchOptions.parse(new String[] {"--repo", "/tmp/repo", "--phases", "quality, bare-embedding",
                "--export-vectors", "--service-arg", "freshet.embed.chunk-tokens=448"});
        assertThat(some.runs("quality")).isTrue();
        assertThat(some.runs("bare-embedding")).isTrue();
        assertThat(some.runs("latency")).isFalse();
        assertThat(some.exportVectors()).isTrue();
        assertThat(some.springArguments()).containsExactly("--freshet.embed.chunk-tokens=448");
        // A flag takes no value: the option after it is still read as an option.
        assertThat(some.commandLine()).containsSubsequence("--export-vectors", "--service-arg");
    }

    @Test
    void theSmokeRunAsksFewerQuestionsOfTheGeneratedAnswers() {
        assertThat(BenchOptions.parse(new String[] {"--repo", "/tmp/repo"}).answerRequests()).isEqualTo(200);
        assertThat(BenchOptions.parse(new String[] {"--repo", "/tmp/repo", "--smoke"}).answerRequests()).isEqualTo(30);
        BenchOptions chosen = BenchOptions.parse(new String[] {"--repo", "/tmp/repo", "--phases", "fill,answers",
                "--answer-requests", "100"});
        assertThat(chosen.answerRequests()).isEqualTo(100);
        assertThat(chosen.runs("answers")).isTrue();
        assertThat(chosen.runs("latency")).isFalse();
    }

    @Test
    void anUnknownPhaseIsACommandLineError() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repo", "/tmp/repo", "--phases", "quality,latencies"}))
                .isInstanceOf(BenchOptions.UsageException.class)
                .hasMessageContaining("unknown phase 'latencies'");
    }

    @Test
    void theCurveAndTheSoakHaveFullAndSmokeDefaultsAndTakeTheirOptions() {
        ScaleOptions full = BenchOptions.parse(new String[] {"--repo", "/tmp/repo"}).scale();
        assertThat(full.curveSizes()).containsExactly(10_000L, 100_000L, 500_000L);
        assertThat(full.soakMinutes()).isEqualTo(10);
        assertThat(full.soakRate()).isNull();
        assertThat(full.bucketSeconds()).isEqualTo(60);
        ScaleOptions smoke = BenchOptions.parse(new String[] {"--repo", "/tmp/repo", "--smoke"}).scale();
        assertThat(smoke.curveSizes()).containsExactly(2_000L, 5_000L);
        assertThat(smoke.soakMinutes()).isLessThan(1);
        assertThat(smoke.bucketSeconds()).isEqualTo(10);

        BenchOptions chosen = BenchOptions.parse(new String[] {"--repo", "/tmp/repo", "--phases", "curve,soak",
                "--curve-sizes", "1M, 10k,100000,10000", "--soak-minutes", "3", "--soak-rate", "4.5", "--soak-query-rate", "2"});
        assertThat(chosen.scale().curveSizes()).containsExactly(10_000L, 100_000L, 1_000_000L);
        assertThat(chosen.scale().soakMinutes()).isEqualTo(3);
        assertThat(chosen.scale().soakRate()).isEqualTo(4.5);
        assertThat(chosen.scale().soakQueryRate()).isEqualTo(2);
        assertThat(chosen.runs("curve")).isTrue();
        assertThat(chosen.runs("soak")).isTrue();
        assertThat(chosen.runs("fill")).isFalse();
        assertThat(chosen.commandLine()).containsSubsequence("--curve-sizes", "1M, 10k,100000,10000", "--soak-minutes", "3");
    }

    @Test
    void badCurveSizesOrSoakRatesAreCommandLineErrors() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repo", "/tmp/repo", "--curve-sizes", "10000,lots"}))
                .isInstanceOf(BenchOptions.UsageException.class).hasMessageContaining("not a size 'lots'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repo", "/tmp/repo", "--soak-rate", "0"}))
                .isInstanceOf(BenchOptions.UsageException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repo", "/tmp/repo", "--soak-minutes"}))
                .isInstanceOf(BenchOptions.UsageException.class).hasMessageContaining("needs a value");
        assertThat(BenchOptions.USAGE).contains("--curve-sizes LIST", "--soak-query-rate Q", "curve,soak");
    }
}
