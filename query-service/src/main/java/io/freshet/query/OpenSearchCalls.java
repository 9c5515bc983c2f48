package io.freshet.query;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.opensearch.client.opensearch._types.OpenSearchException;

import java.io.IOException;

/**
 * Runs OpenSearch calls behind a circuit breaker. Unreachable, overloaded (429) or failing (5xx) means
 * "try again later" (503 to the caller) and counts against the breaker; once it opens, calls fail fast
 * instead of each waiting for a timeout.
 */
public class OpenSearchCalls {

    interface Call<T> {
        T run() throws IOException;
    }

    private final CircuitBreaker breaker;

    public OpenSearchCalls(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    <T> T call(Call<T> call) {
        try {
            return breaker.executeCallable(() -> {
                try {
                    return call.run();
                } catch (IOException e) {
                    throw new SearchUnavailableException("OpenSearch unreachable: " + e.getMessage(), e);
                } catch (OpenSearchException e) {
                    if (e.status() == 429 || e.status() >= 500) {
                        throw new SearchUnavailableException("OpenSearch unavailable (HTTP " + e.status() + "): " + e.getMessage(), e);
                    }
                    throw e;
                }
            });
        } catch (CallNotPermittedException e) {
            throw new SearchUnavailableException("OpenSearch circuit breaker is open after repeated failures", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
