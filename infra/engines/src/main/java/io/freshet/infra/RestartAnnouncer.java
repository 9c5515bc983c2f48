package io.freshet.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What {@code ./freshet up} says when a service dies and is started again, and the new pid it records so that
 * {@code ./freshet down} finds the process that runs now.
 */
final class RestartAnnouncer implements ProcessSupervisor.Listener {

    private final Consumer<String> out;
    private final BiConsumer<String, Long> pidChanged;

    /**
     * @param out        one line at a time
     * @param pidChanged told the component's name and new pid after each restart
     */
    RestartAnnouncer(Consumer<String> out, BiConsumer<String, Long> pidChanged) {
        this.out = out;
        this.pidChanged = pidChanged;
    }

    @Override
    public void exited(ChildProcess child, int exitCode, Duration ranFor, Duration restartIn, int restart, String logTail) {
        exitLines(child.name(), exitCode, ranFor, restartIn, restart, child.logFile().toString(), logTail).forEach(out);
    }

    @Override
    public void restarted(ChildProcess child, long pid, int restart) {
        pidChanged.accept(child.name(), pid);
        out.accept("[freshet] " + child.name() + " started again (pid " + pid + "); ./freshet status shows when it is UP");
    }

    @Override
    public void restartFailed(ChildProcess child, RuntimeException failure, Duration retryIn) {
        out.accept("[freshet] could not start " + child.name() + " again (" + failure.getMessage() + "); next attempt in "
                + duration(retryIn));
    }

    static List<String> exitLines(String name, int exitCode, Duration ranFor, Duration restartIn, int restart,
                                  String logFile, String logTail) {
        List<String> lines = new ArrayList<>();
        lines.add("[freshet] " + name + " exited with code " + exitCode + signal(exitCode) + " after " + duration(ranFor)
                + "; starting it again in " + duration(restartIn) + (restart > 1 ? " (exit " + restart + " in a row)" : "")
                + ". Last lines of " + logFile + ":");
        logTail.lines().forEach(line -> lines.add("[freshet]   | " + line));
        return lines;
    }

    /** A JVM killed by a signal exits with 128 + its number; the two that matter here, named. */
    private static String signal(int exitCode) {
        return switch (exitCode) {
            case 137 -> " (SIGKILL: kill -9, or the kernel's out-of-memory killer)";
            case 143 -> " (SIGTERM from outside the launcher)";
            default -> "";
        };
    }

    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 120_000) {
            return String.format("%.0f s", millis / 1000.0);
        }
        return String.format("%.1f min", millis / 60_000.0);
    }
}
