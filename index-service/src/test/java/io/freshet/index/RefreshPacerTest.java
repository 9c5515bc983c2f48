package io.freshet.index;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshPacerTest {

    private static final Duration NORMAL = Duration.ofSeconds(1);
    private static final Duration LOAD = Duration.ofSeconds(10);

    private final RefreshPacer pacer = new RefreshPacer(NORMAL, LOAD, 100);

    @Test
    void theFirstPollSetsTheIntervalWhateverARunBeforeLeft() {
        assertThat(pacer.afterPoll(1)).contains(NORMAL);
        assertThat(pacer.afterPoll(3)).as("set already").isEmpty();
    }

    @Test
    void fullPollsSlowRefreshingAndOnlyClearlyShorterOnesRestoreIt() {
        pacer.afterPoll(1);

        assertThat(pacer.afterPoll(100)).contains(LOAD);
        assertThat(pacer.afterPoll(200)).isEmpty();
        assertThat(pacer.afterPoll(40)).as("one short poll in a backlog").isEmpty();
        assertThat(pacer.afterPoll(19)).as("under a fifth: caught up").contains(NORMAL);
        assertThat(pacer.isNormal(NORMAL)).isTrue();
        assertThat(pacer.isNormal(LOAD)).isFalse();
    }

    @Test
    void aFailedSettingIsSetAgainAfterTheNextPoll() {
        assertThat(pacer.afterPoll(150)).contains(LOAD);
        pacer.failed();

        assertThat(pacer.afterPoll(150)).isEqualTo(Optional.of(LOAD));
    }
}
