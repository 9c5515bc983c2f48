package io.freshet.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a {@code ./freshet up} run under {@code <repo>/work}: the components' logs and the pid file that
 * {@code ./freshet down} and the next {@code up} read (one "pid name" line per process).
 */
final class RunFiles {

    private final Path work;
    private final Path logs;
    private final Path pidFile;
    private volatile boolean pidFileWritten;

    RunFiles(Path repo) {
        this.work = repo.resolve("work");
        this.logs = work.resolve("logs");
        this.pidFile = work.resolve("freshet.pids");
    }

    Path work() {
        return work;
    }

    Path logs() {
        return logs;
    }

    /** The local token issuer's key pair, kept across runs (tokens minted by {@code ./freshet token} stay valid). */
    Path issuerKeys() {
        return work.resolve("issuer");
    }

    /** Refuses to start over a run of this checkout that is still alive; forgets one that was killed. */
    void refuseIfAlreadyRunning() {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> alive = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(pidFile, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split("\\s+", 2);
                if (parts.length == 2 && ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive).orElse(false)) {
                    alive.add(parts[1] + " (pid " + parts[0] + ")");
                }
            }
            if (alive.isEmpty()) {
                Files.delete(pidFile); // left by a run that was killed; nothing of it survives
                return;
            }
        } catch (IOException | NumberFormatException e) {
            return;
        }
        throw new IllegalStateException("Freshet already seems to run from " + work + ": " + String.join(", ", alive)
                + ". Stop it with Ctrl-C in its terminal, or `./freshet down`.");
    }

    void createLogDirectory() {
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + logs, e);
        }
    }

    /** This run's log file of a component; the previous run's is kept as .log.1. */
    Path rotated(String component) {
        Path log = logs.resolve(component + ".log");
        try {
            if (Files.exists(log)) {
                Files.move(log, logs.resolve(component + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rotate " + log, e);
        }
        return log;
    }

    synchronized void recordPid(String component, long pid) {
        try {
            Files.writeString(pidFile, pid + " " + component + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            pidFileWritten = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + pidFile, e);
        }
    }

    /** A component that was started again: its line now names the new pid, so {@code down} stops the live one. */
    synchronized void replacePid(String component, long pid) {
        try {
            List<String> lines = new ArrayList<>();
            if (Files.isRegularFile(pidFile)) {
                for (String line : Files.readAllLines(pidFile, StandardCharsets.UTF_8)) {
                    String[] parts = line.trim().split("\\s+", 2);
                    if (!(parts.length == 2 && parts[1].equals(component))) {
                        lines.add(line);
                    }
                }
            }
            lines.add(pid + " " + component);
            Path written = pidFile.resolveSibling(pidFile.getFileName() + ".new");
            Files.write(written, lines, StandardCharsets.UTF_8);
            // Atomically: `down` may read the file at any moment.
            Files.move(written, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            pidFileWritten = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + pidFile, e);
        }
    }

    /** Deletes the pid file if this run wrote it: not another run's, which refuseIfAlreadyRunning() found alive. */
    void forgetPids() {
        try {
            if (pidFileWritten) {
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException e) {
            // stale pid files are detected and ignored at the next start
        }
    }
}
