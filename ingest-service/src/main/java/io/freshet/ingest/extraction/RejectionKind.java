package io.freshet.ingest.extraction;

/** Why a document could not be turned into text; {@link #tag()} is the low-cardinality metric label. */
public enum RejectionKind {
    ENCRYPTED("encrypted"),
    UNREADABLE("unreadable"),
    TOO_LARGE("too-large"),
    TIMEOUT("timeout"),
    NO_TEXT("no-text"),
    UNSUPPORTED("unsupported"),
    /** Content by reference that policy forbids fetching (host not allowed, private address, bad scheme). */
    FETCH_REFUSED("fetch-refused"),
    /** Content by reference the remote end will not give (HTTP 404, 403, a redirect loop, a TLS failure). */
    FETCH_FAILED("fetch-failed");

    private final String tag;

    RejectionKind(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
