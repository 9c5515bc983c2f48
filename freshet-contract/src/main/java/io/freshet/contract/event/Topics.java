package io.freshet.contract.event;

/** The pipeline's topics. Every one is keyed by document id, so a document's events stay in order. */
public final class Topics {

    /** Connectors publish {@link DocumentChange} here; compacted, deletes are followed by a tombstone. */
    public static final String CHANGES = "freshet.documents.changes";
    /** ingest-service publishes {@link ExtractedDocument}. */
    public static final String EXTRACTED = "freshet.documents.extracted";
    /** embed-service publishes {@link EmbeddedDocument}. */
    public static final String EMBEDDED = "freshet.documents.embedded";
    /** Any stage publishes {@link DocumentStatus} verdicts; index-service records them. */
    public static final String STATUS = "freshet.documents.status";

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** Where a poison record of {@code topic} goes, with its reason in the headers. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
