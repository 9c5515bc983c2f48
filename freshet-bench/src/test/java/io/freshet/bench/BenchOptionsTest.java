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
}
