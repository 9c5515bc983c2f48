package io.freshet.ingest.fetch;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;

import java.time.Duration;
import java.util.Objects;

/**
 * What one fetch of content by reference may cost.
 *
 * @param maxBytes       the body is read up to this many bytes, and the document rejected beyond
 * @param connectTimeout to open a connection
 * @param timeout        one attempt in total (all its redirects, the whole body); a slow server is cut off here
 * @param maxRedirects   redirects followed, each re-checked against the policy
 * @param attempts       attempts for a retryable failure (timeout, connection error, HTTP 5xx/408/429)
 * @param retryWait      wait before the second attempt; doubles for each further one
 */
public record FetchLimits(long maxBytes, Duration connectTimeout, Duration timeout, int maxRedirects, int attempts,
                          Duration retryWait) {

    public FetchLimits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryWait, "retryWait");
        if (maxBytes < 1 || maxRedirects < 0 || attempts < 1 || connectTimeout.isNegative() || connectTimeout.isZero()
                || timeout.isNegative() || timeout.isZero() || retryWait.isNegative()) {
            throw new IllegalArgumentException("fetch limits out of range: " + this);
        }
    }

    /** Retries only what a later attempt may fix; a refusal or an HTTP 404 is final at once. */
    public RetryConfig retryConfig() {
        return RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(retryWait.isZero() ? Duration.ofMillis(1) : retryWait, 2.0))
                .retryExceptions(RetryableFetchException.class)
                .build();
    }
}
