package io.freshet.ingest.extraction;

/** Why a document could not be turned into text; {@link #tag()} is the low-cardinality metric label. */
public enum RejectionKind {
    ENCRYPTED("encrypted"),
    UNREADABLE("unreadable"),
    TOO_LARGE("too-large"),
    TIMEOUT("timeout"),
    NO_TEXT("no-text"),
    UNSUPPORTED("unsupported"),
    BY_REFERENCE("by-reference");

    private final String tag;

    RejectionKind(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
