package io.freshet.index;

/**
 * The logging and tracing context of one event of a batch, opened while the indexer reports what it did with it: the
 * lines about a document carry that document's id and the trace its change arrived with, not the batch's.
 */
@FunctionalInterface
public interface EventScope {

    /** No context (tests, a single event applied outside a listener). */
    EventScope NONE = eventIndex -> () -> { };

    /** Opens the context of the event at {@code eventIndex} of the batch. */
    Open open(int eventIndex);

    /** An opened context; closing it restores the thread's previous one. */
    interface Open extends AutoCloseable {
        @Override
        void close();
    }
}
