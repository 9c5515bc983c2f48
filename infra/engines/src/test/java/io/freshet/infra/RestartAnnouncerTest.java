package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartAnnouncerTest {

    @Test
    void anExitSaysTheCodeWhatASignalMeansHowLongItRanWhenItRestartsAndTheLogTail() {
        List<String> lines = RestartAnnouncer.exitLines("index-service", 137, Duration.ofMinutes(42),
                Duration.ofSeconds(4), 3, "work/logs/index-service.log", "ERROR boom\n\tat x.y(Z.java:1)");

        assertEquals(List.of(
                "[freshet] index-service exited with code 137 (SIGKILL: kill -9, or the kernel's out-of-memory killer)"
                        + " after 42.0 min; starting it again in 4 s (exit 3 in a row). Last lines of"
                        + " work/logs/index-service.log:",
                "[freshet]   | ERROR boom",
                "[freshet]   | \tat x.y(Z.java:1)"), lines);
        assertEquals("[freshet] embed-service exited with code 1 after 800 ms; starting it again in 1 s. Last lines of l:",
                RestartAnnouncer.exitLines("embed-service", 1, Duration.ofMillis(800), Duration.ofSeconds(1), 1, "l", "")
                        .get(0));
    }

    @Test
    void aRestartedComponentsPidReplacesItsOldLineInThePidFile(@TempDir Path repo) throws Exception {
        RunFiles files = new RunFiles(repo);
        files.createLogDirectory();
        files.recordPid("freshet-up", 10);
        files.recordPid("kafka", 11);
        files.recordPid("index-service", 12);
        files.recordPid("query-service", 13);

        files.replacePid("index-service", 99);

        assertEquals(List.of("10 freshet-up", "11 kafka", "13 query-service", "99 index-service"),
                Files.readAllLines(repo.resolve("work/freshet.pids"), StandardCharsets.UTF_8));
    }
}
