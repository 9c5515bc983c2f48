package io.freshet.ingest.change;

import io.freshet.ingest.extraction.ExtractionRejectedException;
import io.freshet.ingest.extraction.RejectionKind;

/**
 * Gets the bytes of a document sent by reference ({@code content.uri}). Implementations throw
 * {@link ExtractionRejectedException} when the reference itself is bad (404, not allowed, too large) and
 * {@link io.freshet.contract.pipeline.TransientFailureException} when the remote end is down.
 */
@FunctionalInterface
public interface ContentFetcher {

    FetchedContent fetch(String uri);

    /** The fetched bytes and the type the remote end declared (may be null). */
    record FetchedContent(byte[] bytes, String contentType) {
    }

    /** Until a fetcher is configured, by-reference content is rejected with a plain explanation. */
    static ContentFetcher notSupported() {
        return uri -> {
            throw new ExtractionRejectedException(RejectionKind.BY_REFERENCE, "content by reference is not supported yet");
        };
    }
}
