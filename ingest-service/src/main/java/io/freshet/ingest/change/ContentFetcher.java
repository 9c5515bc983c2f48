package io.freshet.ingest.change;

/**
 * Gets the bytes of a document sent by reference ({@code content.uri}). Implementations throw
 * {@link io.freshet.ingest.extraction.ExtractionRejectedException} when the reference itself is bad (refused by
 * policy, HTTP 404, too large) and {@link io.freshet.contract.failure.TransientFailureException} when the
 * remote end is down.
 */
@FunctionalInterface
public interface ContentFetcher {

    FetchedContent fetch(String uri);

    /** The fetched bytes and the type the remote end declared (may be null). */
    record FetchedContent(byte[] bytes, String contentType) {
    }
}
