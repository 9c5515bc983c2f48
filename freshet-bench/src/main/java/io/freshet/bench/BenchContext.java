package io.freshet.bench;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What every phase works with, fixed once the services are up: the options, the data set, the clients of the
 * running pipeline, the shared model and corpus chunks. Phases return their figures as results; only the pipeline
 * checks that fail go to {@code failures}, in the order they are found, for the report's "failures" list.
 *
 * @param console  progress lines for the terminal
 * @param failures the pipeline checks that failed (a thread-safe list: the orchestrator reads it at the end)
 */
record BenchContext(
        BenchOptions options,
        BeirDataset data,
        Consumer<String> console,
        List<String> failures,
        EventPublisher publisher,
        PipelineBacklog backlog,
        IndexReader index,
        ServiceClient services,
        ServiceSettings embedSettings,
        ServiceSettings querySettings,
        BenchModel model,
        CorpusChunks corpusChunks) {

    void say(String line) {
        console.accept(line);
    }

    /** A broken pipeline: fails the run (and a smoke run), unlike a slow one. */
    void fail(String failure) {
        failures.add(failure);
    }

    /** The consumer groups' total lag, or -1 when Kafka cannot tell (only ever shown, never a failure). */
    long safeLag() {
        try {
            return backlog.totalLag();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Waits until every consumer group has caught up; a failure if that takes longer than the stall timeout. */
    void awaitDrained() {
        long deadline = System.nanoTime() + Duration.ofSeconds(options.stallSeconds()).toNanos();
        long lag;
        while ((lag = safeLag()) != 0) {
            if (System.nanoTime() > deadline) {
                fail("the pipeline did not drain within " + options.stallSeconds() + " s (consumer lag " + lag + ")");
                return;
            }
            Threads.sleep(1000);
        }
    }
}
