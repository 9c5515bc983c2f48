package io.freshet.ingest.extraction;

import io.freshet.contract.failure.TransientFailureException;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parser threads: a fixed number of parses at once, each abandoned after the parse timeout. Parsers run
 * on these threads rather than the caller's so that a parse which never returns costs a thread, not a caller.
 */
final class ExtractionPool implements AutoCloseable {

    /** A thread that has just finished a parse takes a moment to be ready for the next one. */
    private static final Duration SUBMIT_PATIENCE = Duration.ofMillis(500);

    private final int threads;
    private final Duration parseTimeout;
    private final ThreadPoolExecutor executor;
    private final AtomicInteger busy = new AtomicInteger();

    ExtractionPool(int threads, Duration parseTimeout) {
        this.threads = threads;
        this.parseTimeout = parseTimeout;
        AtomicInteger threadNumber = new AtomicInteger();
        // No queue: when every parser thread is busy (or stuck in a parser that ignores interrupts) the caller
        // hears so at once instead of waiting out its own timeout behind them.
        this.executor = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "tika-parser-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    /** Parser threads currently inside a parse, including ones whose parse was abandoned after a timeout. */
    int busy() {
        return busy.get();
    }

    /**
     * Runs a parse on a parser thread and waits for it, at most the parse timeout.
     *
     * @throws ExtractionRejectedException a timeout, a parser that ran out of memory or stack, or its own rejection
     * @throws TransientFailureException   when every parser thread stays busy, or the caller is interrupted
     */
    <T> T run(Callable<T> parse) {
        Future<T> future = submit(() -> inBudget(parse));
        try {
            return future.get(parseTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true); // a parser that ignores the interrupt keeps its thread; busy() shows it
            throw new ExtractionRejectedException(RejectionKind.TIMEOUT,
                    "parse timeout: no result within " + HumanReadable.duration(parseTimeout), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ExtractionRejectedException rejection) {
                throw rejection;
            }
            throw ExtractionRejectedException.unreadable(e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransientFailureException("extraction interrupted (the service is stopping)", e);
        }
    }

    /** A rejection is retried for {@link #SUBMIT_PATIENCE} before the parsers count as saturated (stuck). */
    private <T> Future<T> submit(Callable<T> task) {
        long deadline = System.nanoTime() + SUBMIT_PATIENCE.toNanos();
        while (true) {
            try {
                return executor.submit(task);
            } catch (RejectedExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new TransientFailureException("extraction saturated: all " + threads
                            + " parser threads are busy (" + busy.get() + " inside a parse)", e);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new TransientFailureException("interrupted while waiting for a parser thread", interrupted);
                }
            }
        }
    }

    private <T> T inBudget(Callable<T> parse) throws Exception {
        busy.incrementAndGet();
        try {
            return parse.call();
        } catch (OutOfMemoryError e) {
            // A corrupt header that asks for a huge buffer: the allocation failed, nothing is held, carry on.
            throw new ExtractionRejectedException(RejectionKind.UNREADABLE,
                    "unreadable: the parser ran out of memory on this file", e);
        } catch (StackOverflowError e) {
            throw new ExtractionRejectedException(RejectionKind.UNREADABLE,
                    "unreadable: the parser overflowed its stack (nested too deeply)", e);
        } finally {
            busy.decrementAndGet();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
