package io.freshet.index;

/**
 * A batch stopped at one event: the events before {@link #eventIndex()} are applied, that one failed with the cause
 * (transient: retry it; poison: dead-letter it), and the ones after it are to be delivered again (their writes, if
 * any went out, are idempotent: a redelivery is recognised as already applied).
 */
public class IndexingFailure extends RuntimeException {

    private final int eventIndex;

    public IndexingFailure(int eventIndex, RuntimeException cause) {
        super(cause.getMessage(), cause);
        this.eventIndex = eventIndex;
    }

    public int eventIndex() {
        return eventIndex;
    }

    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}
