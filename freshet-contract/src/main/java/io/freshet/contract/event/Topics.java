package io.freshet.contract.event;

/**
 * The pipeline's topics. The document topics are keyed by document id, so a document's events stay in order; the
 * feedback topic by answer id.
 */
public final class Topics {

    /** Connectors publish {@link DocumentChange} here; compacted, deletes are followed by a tombstone. */
    public static final String CHANGES = "freshet.documents.changes";
    /** ingest-service publishes {@link ExtractedDocument}. */
    public static final String EXTRACTED = "freshet.documents.extracted";
    /** embed-service publishes {@link EmbeddedDocument}. */
    public static final String EMBEDDED = "freshet.documents.embedded";
    /** Any stage publishes {@link DocumentStatus} verdicts; index-service records them. */
    public static final String STATUS = "freshet.documents.status";
    /**
     * index-service publishes the {@link DocumentStatus} it recorded after every write; compacted, so the latest per
     * document is the read model of what the index holds (embed-service's change detection reads it).
     */
    public static final String INDEXED = "freshet.documents.indexed";

    /**
     * Changes read again from {@link #CHANGES} for one model's new indices (a reindex, docs/operations.md): the same
     * records, each with the header {@link #MODEL_HEADER}; ingest-service handles them as changes for that model only.
     */
    public static final String REPLAY = "freshet.documents.replay";

    /**
     * The embedding models whose indices the pipeline keeps ({@link ModelState}, keyed by model id; compacted, a
     * tombstone retires a model). embed-service embeds every change with each; index-service writes each one's indices.
     */
    public static final String MODELS = "freshet.models";

    /** The header naming the embedding model a record is for ({@link #REPLAY}, {@link #INDEXED}). */
    public static final String MODEL_HEADER = "freshet-model";

    /**
     * query-service publishes {@link AnswerFeedback} (keyed by answer id, compacted: a person's last word on an answer
     * counts); {@code ./freshet export-finetune} turns it into a fine-tuning set. It holds document text: restrict it
     * like the documents' own topics.
     */
    public static final String FEEDBACK = "freshet.answers.feedback";

    /**
     * The largest event a stage may publish (an embedded document carries all its vectors): the topics' and the
     * clients' message size limits are all this.
     */
    public static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** Where a poison record of {@code topic} goes, with its reason in the headers. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
