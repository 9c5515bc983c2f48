package io.freshet.ingest.fetch;

/**
 * One fetch attempt failed in a way a later attempt may not (timeout, connection refused, HTTP 5xx or 429).
 * The fetcher retries these; once the attempts are used up the caller sees a TransientFailureException.
 */
final class RetryableFetchException extends RuntimeException {

    RetryableFetchException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
