package io.freshet.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A process this JVM launches and owns: output appended to a log file, a readiness check, and a stop that first
 * asks (SIGTERM) and then insists (SIGKILL). Engines ({@link EngineProcess}) and, in {@link FreshetUp}, the
 * services are run this way.
 */
final class ChildProcess {

    private static final int LOG_TAIL_LINES = 80;

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private final Map<String, String> environment;
    private final Duration stopGrace;
    private final int executableIndex;
    private volatile Supplier<List<String>> startOptions = List::of;
    // Volatile, and stop() takes no lock: a shutdown hook must be able to stop a process that is still starting.
    private volatile Process process;

    /**
     * @param ownSession run the child in a session of its own ({@code setsid}), so Ctrl-C in a terminal reaches
     *                   only the launcher, which then stops the children in order
     */
    ChildProcess(String name, List<String> command, Path logFile, Map<String, String> environment,
                 Duration stopGrace, boolean ownSession) {
        this.name = name;
        List<String> full = new ArrayList<>();
        if (ownSession && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // setsid execs in place (the child is not a group leader), so the pid stays the JVM's.
            full.add("/usr/bin/setsid");
        }
        this.executableIndex = full.size();
        full.addAll(command);
        this.command = List.copyOf(full);
        this.logFile = logFile;
        this.environment = Map.copyOf(environment);
        this.stopGrace = stopGrace;
    }

    /** Options put right after the executable, computed anew for every launch. */
    void startOptions(Supplier<List<String>> options) {
        this.startOptions = options;
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    /** The running process, if any (for exit notifications). */
    Process process() {
        return process;
    }

    /**
     * Spawns the process and waits until {@code ready} holds.
     *
     * @throws IllegalStateException if it exits or is not ready within {@code timeout}; the message holds the
     *                               tail of its log
     */
    synchronized void start(BooleanSupplier ready, Duration timeout) {
        if (isRunning()) {
            return;
        }
        spawn();
        awaitReady(ready, timeout);
    }

    /** Spawns the process without waiting; see {@link #awaitReady}. */
    synchronized void spawn() {
        if (isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>(this.command);
        command.addAll(executableIndex + 1, startOptions.get());
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(logFile, "==== freshet: starting " + name + " at " + Instant.now() + ": "
                            + printable(command) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch " + name + " (log: " + logFile + ")", e);
        }
    }

    void awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Process current = process;
            if (current == null) {
                throw new IllegalStateException(name + " was stopped while starting");
            }
            if (!current.isAlive()) {
                process = null;
                throw failure(name + " exited with code " + current.exitValue() + " while starting");
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw failure(name + " was not ready within " + timeout.toSeconds() + " s");
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /**
     * SIGTERM (the child shuts down cleanly), then SIGKILL if it is still alive after the grace period.
     *
     * @return true if it was running and ended on SIGTERM within the grace period
     */
    boolean stop() {
        Process stopping = process;
        process = null;
        if (stopping == null || !stopping.isAlive()) {
            return false;
        }
        stopping.destroy();
        try {
            if (stopping.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            System.err.println("[freshet] " + name + " (pid " + stopping.pid() + ") ignored SIGTERM for "
                    + stopGrace.toSeconds() + " s; killing it");
            stopping.destroyForcibly();
            stopping.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            stopping.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * SIGKILL without a grace period, as a crash would end it. The signal goes to the launched program itself: setsid
     * execs in place, so the pid is the JVM's (a wrapper killed instead would leave the program running).
     *
     * @return its exit code (128 + 9 = 137 after a SIGKILL), or -1 if it was not running
     */
    int kill() {
        Process killed = process;
        process = null;
        if (killed == null || !killed.isAlive()) {
            return -1;
        }
        killed.destroyForcibly(); // SIGKILL on Linux
        try {
            if (!killed.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + killed.pid() + ") still runs 10 s after SIGKILL");
            }
            return killed.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
    }

    String logTail() {
        return tail(logFile, LOG_TAIL_LINES);
    }

    IllegalStateException failure(String what) {
        System.err.println("[freshet] " + what + "; its log: " + logFile);
        return new IllegalStateException(what + ". Log: " + logFile + "\n---- last lines of the log ----\n"
                + logTail());
    }

    static String tail(Path file, int lines) {
        // Only the end of the file: service logs can be large.
        try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, in.length() - 64 * 1024);
            byte[] bytes = new byte[(int) (in.length() - from)];
            in.seek(from);
            in.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** The command line without the (very long) classpath. */
    private static String printable(List<String> command) {
        List<String> shown = new ArrayList<>(command);
        int cp = shown.indexOf("-cp");
        if (cp >= 0 && cp + 1 < shown.size()) {
            shown.set(cp + 1, "<classpath>");
        }
        return String.join(" ", shown);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Runs the tasks on threads of their own and returns when all have ended: stops and starts overlap. */
    static void inParallel(List<Runnable> tasks) {
        List<Thread> threads = tasks.stream().map(Thread::new).toList();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
