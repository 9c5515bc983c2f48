package io.freshet.connectors.http;

import java.time.Duration;
import java.util.Optional;

/**
 * The source could not answer now (unreachable, timed out, 5xx, 429 throttling): retried after a pause, never taken to
 * mean that documents are gone. Carries the source's Retry-After when it sent one.
 */
public class SourceUnavailableException extends RuntimeException {

    private final transient Duration retryAfter;

    public SourceUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
