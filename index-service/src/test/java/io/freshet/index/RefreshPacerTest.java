package io.freshet.index;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshPacerTest {

    private static final Duration NORMAL = Duration.ofSeconds(1);
    private static final Duration LOAD = Duration.ofSeconds(10);
    private static final Optional<Duration> FRESH = Optional.of(Duration.ofMillis(300));

    private final RefreshPacer pacer = new RefreshPacer(NORMAL, LOAD, 100, Duration.ofSeconds(10));

    @Test
    void theFirstPollSetsTheIntervalWhateverARunBeforeLeft() {
        assertThat(pacer.afterIdle()).as("nothing known yet").isEmpty();
        assertThat(pacer.afterPoll(40, Optional.of(Duration.ofSeconds(7)))).as("in between, but unset").contains(NORMAL);
        assertThat(pacer.afterPoll(3, FRESH)).as("set already").isEmpty();
    }

    @Test
    void fullPollsSlowRefreshingAndOnlyClearlyShorterOnesRestoreIt() {
        pacer.afterPoll(1, FRESH);

        assertThat(pacer.afterPoll(100, FRESH)).contains(LOAD);
        assertThat(pacer.afterPoll(200, FRESH)).isEmpty();
        assertThat(pacer.afterPoll(40, FRESH)).as("one short poll in a backlog").isEmpty();
        assertThat(pacer.afterPoll(19, FRESH)).as("under a fifth: caught up").contains(NORMAL);
        assertThat(pacer.isNormal(NORMAL)).isTrue();
        assertThat(pacer.isNormal(LOAD)).isFalse();
    }

    @Test
    void oldEventsInATrickleMeanABacklogUpstream() {
        pacer.afterPoll(1, FRESH);

        assertThat(pacer.afterPoll(2, Optional.of(Duration.ofSeconds(10)))).as("queued 10 s before reaching the index")
                .contains(LOAD);
        assertThat(pacer.afterPoll(2, Optional.of(Duration.ofSeconds(6)))).as("still more than half of that").isEmpty();
        assertThat(pacer.afterPoll(2, Optional.of(Duration.ofSeconds(4)))).contains(NORMAL);
    }

    @Test
    void aPollOfVerdictsAloneSaysNothingAboutTheBacklog() {
        pacer.afterPoll(2, Optional.of(Duration.ofSeconds(30)));

        assertThat(pacer.afterPoll(3, Optional.empty())).as("ingest's verdicts run ahead of a backlog upstream").isEmpty();
        assertThat(pacer.afterPoll(100, Optional.empty())).as("a full poll still counts").isEmpty();
    }

    @Test
    void aMomentWithoutEventsEndsTheBacklogAtOnce() {
        pacer.afterPoll(150, Optional.of(Duration.ofMinutes(3)));

        assertThat(pacer.afterIdle()).contains(NORMAL);
        assertThat(pacer.afterIdle()).isEmpty();
    }

    @Test
    void aFailedSettingIsSetAgainAfterTheNextPoll() {
        assertThat(pacer.afterPoll(150, FRESH)).contains(LOAD);
        pacer.failed();

        assertThat(pacer.afterPoll(150, FRESH)).contains(LOAD);
    }
}
