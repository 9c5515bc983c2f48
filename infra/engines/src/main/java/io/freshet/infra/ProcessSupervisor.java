package io.freshet.infra;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Starts a watched process again when it exits without being asked to, after a {@link RestartBackoff} delay, and tells
 * a {@link Listener} about each exit and restart. {@code ./freshet up} watches its services with it.
 *
 * <p>A stop on purpose never leads to a restart: {@link ChildProcess#stop()} and {@link ChildProcess#kill()} forget
 * the process before ending it, so an exit whose process is no longer the child's current one was asked for; and
 * {@link #close()} (called before the launcher stops anything) cancels waiting restarts and refuses new ones.
 */
final class ProcessSupervisor implements AutoCloseable {

    static final int LOG_TAIL_LINES = 15;

    /** What happened; called on the supervisor's threads, one event at a time. */
    interface Listener {
        /**
         * A watched process exited on its own; it starts again in {@code restartIn}.
         *
         * @param logTail the last lines of its log file
         */
        void exited(ChildProcess child, int exitCode, Duration ranFor, Duration restartIn, int restart, String logTail);

        /** It was started again, as pid {@code pid}. */
        void restarted(ChildProcess child, long pid, int restart);

        /** Starting it again failed; another attempt follows in {@code retryIn}. */
        default void restartFailed(ChildProcess child, RuntimeException failure, Duration retryIn) {
        }

        /** It exited because it was stopped (or the supervisor is closed): no restart. */
        default void stopped(ChildProcess child, int exitCode) {
        }
    }

    private final Supplier<RestartBackoff> policy;
    private final Listener listener;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "freshet-restarts");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<ChildProcess, RestartBackoff> backoffs = new HashMap<>();
    private final Map<ChildProcess, ScheduledFuture<?>> pending = new HashMap<>();
    private boolean closed;

    /** @param policy a fresh backoff per watched process, e.g. {@link RestartBackoff#standard()} */
    ProcessSupervisor(Supplier<RestartBackoff> policy, Listener listener, Clock clock) {
        this.policy = policy;
        this.listener = listener;
        this.clock = clock;
    }

    /** Watches a child that is running now; one that is not running is watched from its next exit on. */
    synchronized void watch(ChildProcess child) {
        if (closed || backoffs.containsKey(child)) {
            return;
        }
        RestartBackoff backoff = policy.get();
        backoffs.put(child, backoff);
        follow(child, backoff);
    }

    private void follow(ChildProcess child, RestartBackoff backoff) {
        Process process = child.process();
        if (process == null) {
            return;
        }
        Instant startedAt = clock.instant();
        backoff.started(startedAt);
        process.onExit().thenAccept(exited -> onExit(child, backoff, exited, startedAt));
    }

    private synchronized void onExit(ChildProcess child, RestartBackoff backoff, Process exited, Instant startedAt) {
        if (closed || child.process() != exited) {
            listener.stopped(child, exited.exitValue());
            return;
        }
        Instant now = clock.instant();
        Duration delay = backoff.exited(now);
        listener.exited(child, exited.exitValue(), Duration.between(startedAt, now), delay, backoff.consecutiveExits(),
                ChildProcess.tail(child.logFile(), LOG_TAIL_LINES));
        schedule(child, backoff, delay);
    }

    private void schedule(ChildProcess child, RestartBackoff backoff, Duration delay) {
        pending.put(child, scheduler.schedule(() -> restart(child, backoff), delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    private synchronized void restart(ChildProcess child, RestartBackoff backoff) {
        pending.remove(child);
        if (closed) {
            return;
        }
        try {
            child.spawn();
        } catch (RuntimeException e) {
            Duration delay = backoff.exited(clock.instant());
            listener.restartFailed(child, e, delay);
            schedule(child, backoff, delay);
            return;
        }
        // Followed before anyone hears of it: whoever reacts to the news (a stop) finds its exit watched.
        follow(child, backoff);
        listener.restarted(child, child.pid(), backoff.consecutiveExits());
    }

    /** Restarts waiting for their delay right now. */
    synchronized int pendingRestarts() {
        return pending.size();
    }

    /**
     * No restart from now on: waiting ones are cancelled. Returns once no restart is under way, so that whatever
     * stops the processes next finds every one that runs.
     */
    @Override
    public synchronized void close() {
        closed = true;
        pending.values().forEach(restart -> restart.cancel(false));
        pending.clear();
        scheduler.shutdownNow();
    }
}
