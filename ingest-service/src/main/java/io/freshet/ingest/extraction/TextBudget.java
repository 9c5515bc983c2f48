package io.freshet.ingest.extraction;

/**
 * How many characters one document (with all its attachments) may still contribute. Shared by every
 * handler of one parse, so a mail with a hundred attachments is bounded as a whole. Not thread-safe: one
 * parse runs on one thread.
 */
final class TextBudget {

    private final int limit;
    private int used;
    private boolean exhausted;

    TextBudget(int limit) {
        this.limit = limit;
    }

    /** Reserves up to {@code wanted} characters; returns how many may be kept (fewer once the limit is hit). */
    int take(int wanted) {
        int granted = Math.min(wanted, limit - used);
        used += granted;
        if (granted < wanted) {
            exhausted = true;
        }
        return granted;
    }

    boolean exhausted() {
        return exhausted;
    }

    int limit() {
        return limit;
    }
}
