package io.freshet.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildProcessTest {

    @Test
    void killSendsSigkillToTheProgramItselfNotToTheSessionWrapper(@TempDir Path dir) {
        ChildProcess child = new ChildProcess("sleeper", List.of("sleep", "60"), dir.resolve("sleeper.log"), Map.of(),
                Duration.ofSeconds(5), true);
        child.spawn();
        long pid = child.pid();
        // setsid execs in place: the pid we hold becomes the program's (once the exec is done), so a kill cannot miss it
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String command;
        while ((command = commandOf(pid)).endsWith("/setsid") && System.nanoTime() < deadline) {
            ChildProcess.sleep(Duration.ofMillis(10)); // polls the condition above
        }
        assertTrue(command.endsWith("/sleep"), "pid " + pid + " runs " + command);

        assertEquals(128 + 9, child.kill(), "exit code after SIGKILL");
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(child.isRunning());
        assertEquals(-1, child.kill(), "a second kill finds nothing to kill");
    }

    private static String commandOf(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("?");
    }
}
