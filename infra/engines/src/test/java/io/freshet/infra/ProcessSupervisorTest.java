package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor on real child JVMs ({@link CrashingMain}). Every step waits for the supervisor's own event, never
 * for a fixed time.
 */
class ProcessSupervisorTest {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final StringBuilder tails = new StringBuilder();

    private final ProcessSupervisor.Listener listener = new ProcessSupervisor.Listener() {
        @Override
        public void exited(ChildProcess child, int exitCode, Duration ranFor, Duration restartIn, int restart,
                           String logTail) {
            tails.append(logTail).append('\n');
            events.add("exited " + exitCode + ", restart " + restart + " in " + restartIn.toMillis() + " ms");
        }

        @Override
        public void restarted(ChildProcess child, long pid, int restart) {
            events.add("restarted " + restart + (pid > 0 ? "" : " without a pid"));
        }

        @Override
        public void stopped(ChildProcess child, int exitCode) {
            events.add("stopped");
        }
    };

    @Test
    void aProcessThatExitsIsStartedAgainAfterGrowingDelaysWithItsExitCodeAndLogTail() throws Exception {
        ChildProcess child = crasher(2);
        try (ProcessSupervisor supervisor = supervisor(Duration.ofMillis(50))) {
            child.spawn();
            supervisor.watch(child);

            assertEquals("exited 3, restart 1 in 50 ms", next());
            assertEquals("restarted 1", next());
            assertEquals("exited 3, restart 2 in 100 ms", next());
            assertEquals("restarted 2", next());
            assertTrue(tails.toString().contains("run 1: exiting with 3 on purpose"), tails::toString);
            assertTrue(tails.toString().contains("run 2: exiting with 3 on purpose"), tails::toString);

            // The third run stays up; stopping it, as `down` and Ctrl-C do, is no crash.
            child.stop();
            assertEquals("stopped", next());
            assertEquals(0, supervisor.pendingRestarts());
            assertFalse(child.isRunning());
        }
        assertTrue(events.isEmpty(), events::toString);
    }

    @Test
    void closingTheSupervisorCancelsARestartThatIsWaitingForItsDelay() throws Exception {
        ChildProcess child = crasher(5);
        ProcessSupervisor supervisor = supervisor(Duration.ofMinutes(10));
        child.spawn();
        supervisor.watch(child);

        assertEquals("exited 3, restart 1 in 600000 ms", next());
        assertEquals(1, supervisor.pendingRestarts());
        supervisor.close();

        assertEquals(0, supervisor.pendingRestarts());
        assertFalse(child.isRunning());
        supervisor.watch(child);
        assertEquals(0, supervisor.pendingRestarts(), "a closed supervisor takes nothing on");
    }

    @Test
    void aProcessStillRunningWhenTheSupervisorClosesIsNotRestartedWhenItIsStopped() throws Exception {
        ChildProcess child = crasher(0);
        ProcessSupervisor supervisor = supervisor(Duration.ofMillis(50));
        child.spawn();
        supervisor.watch(child);

        supervisor.close();
        child.stop();

        assertEquals("stopped", next());
        assertEquals(0, supervisor.pendingRestarts());
        assertFalse(child.isRunning());
    }

    private ProcessSupervisor supervisor(Duration initial) {
        return new ProcessSupervisor(() -> new RestartBackoff(initial, initial.multipliedBy(8), Duration.ofHours(1)),
                listener, Clock.systemUTC());
    }

    private ChildProcess crasher(int crashes) throws URISyntaxException {
        Path classes = Path.of(CrashingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classes.toString(),
                CrashingMain.class.getName(), dir.resolve("runs").toString(), Integer.toString(crashes));
        return new ChildProcess("crasher", command, dir.resolve("crasher.log"), Map.of(), Duration.ofSeconds(10), false);
    }

    private String next() throws InterruptedException {
        String event = events.poll(EVENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(event, "no event from the supervisor within " + EVENT_TIMEOUT.toSeconds() + " s");
        return event;
    }
}
