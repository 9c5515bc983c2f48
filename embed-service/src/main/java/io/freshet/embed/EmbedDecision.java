package io.freshet.embed;

/** What embed-service does with one extracted document, decided by {@link EmbedDecider} before anything happens. */
public sealed interface EmbedDecision {

    /** Why, for the log. */
    String reason();

    /** A delete: pass it on to the index. */
    record PassDelete(String reason) implements EmbedDecision {
    }

    /** New or changed text, or nothing trustworthy known: chunk and embed it. */
    record Embed(String reason) implements EmbedDecision {
    }

    /** The index holds this text: publish a contentUnchanged event instead of chunks. */
    record Unchanged(String reason) implements EmbedDecision {
    }

    /** Older than the recorded version: publish nothing. */
    record Stale(String reason) implements EmbedDecision {
    }
}
