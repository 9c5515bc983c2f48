package io.freshet.ingest.extraction;

/**
 * The document itself cannot be turned into text (encrypted, corrupt, too large, no text at all ...).
 * Retrying cannot help; {@link #getMessage()} is the reason shown to the operator and the document's owner.
 */
public class ExtractionRejectedException extends RuntimeException {

    private final RejectionKind kind;

    public ExtractionRejectedException(RejectionKind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public ExtractionRejectedException(RejectionKind kind, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
    }

    public RejectionKind kind() {
        return kind;
    }

    /** "unreadable: <short cause>" for a file the parser choked on. */
    static ExtractionRejectedException unreadable(Throwable failure) {
        return new ExtractionRejectedException(RejectionKind.UNREADABLE, "unreadable: " + shortCause(failure), failure);
    }

    /**
     * The innermost message of a failure chain, one line, at most 160 characters: parser messages are often
     * long and nested ("TikaException: ... IOException: ..."), the deepest one usually names the real problem.
     */
    static String shortCause(Throwable failure) {
        Throwable root = failure;
        String nearestMessage = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                nearestMessage = t.getMessage();
            }
        }
        String type = root.getClass().getSimpleName();
        String rootMessage = root.getMessage() == null ? null : root.getMessage().strip().replaceAll("\\s+", " ");
        String cause;
        if (rootMessage == null || rootMessage.isEmpty()) {
            cause = nearestMessage == null ? type : type + " (" + nearestMessage.strip().replaceAll("\\s+", " ") + ")";
        } else {
            cause = rootMessage.length() < 12 ? type + ": " + rootMessage : rootMessage; // "EOF" alone says little
        }
        return cause.length() <= 160 ? cause : cause.substring(0, 157) + "...";
    }
}
