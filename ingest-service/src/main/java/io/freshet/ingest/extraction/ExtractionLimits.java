package io.freshet.ingest.extraction;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds one extraction runs within, so a hostile or huge file costs a known, limited amount.
 *
 * @param maxDocumentBytes  larger inputs are rejected before any parsing
 * @param maxCharacters     extracted text beyond this is dropped and the result marked truncated
 * @param maxEmbeddingDepth how deep attachments of attachments are followed (a zip in a zip in a mail ...)
 * @param parseTimeout      a parse with no result by then is abandoned and the document rejected
 * @param parserThreads     parses that may run at once; a stuck parser keeps its thread, so this also caps
 *                          how many stuck parsers the process tolerates before it reports itself saturated
 */
public record ExtractionLimits(long maxDocumentBytes, int maxCharacters, int maxEmbeddingDepth,
                               Duration parseTimeout, int parserThreads) {

    public ExtractionLimits {
        Objects.requireNonNull(parseTimeout, "parseTimeout");
        if (maxDocumentBytes < 1 || maxCharacters < 1 || maxEmbeddingDepth < 0 || parserThreads < 1
                || parseTimeout.isNegative() || parseTimeout.isZero()) {
            throw new IllegalArgumentException("extraction limits must be positive: " + maxDocumentBytes + ", "
                    + maxCharacters + ", " + maxEmbeddingDepth + ", " + parseTimeout + ", " + parserThreads);
        }
    }

    /** The defaults of {@code freshet.ingest}: 50 MB, 2,000,000 characters, depth 5, 60 s, 2 threads. */
    public static ExtractionLimits defaults() {
        return new ExtractionLimits(50L * 1024 * 1024, 2_000_000, 5, Duration.ofSeconds(60), 2);
    }
}
