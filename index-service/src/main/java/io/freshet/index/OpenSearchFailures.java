package io.freshet.index;

import io.freshet.contract.pipeline.TransientFailureException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.OpenSearchException;

import java.io.IOException;

/**
 * Runs OpenSearch calls behind a circuit breaker and sorts their failures: the cluster being unreachable,
 * overloaded (429), failing (5xx) or blocking writes is transient, so the record waits and is retried;
 * anything else is left as it is for the caller to judge.
 */
final class OpenSearchFailures {

    interface Call<T> {
        T run() throws IOException;
    }

    private final CircuitBreaker breaker;

    OpenSearchFailures(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    <T> T call(String what, Call<T> call) {
        try {
            return breaker.executeCallable(() -> {
                try {
                    return call.run();
                } catch (IOException e) {
                    throw new TransientFailureException("OpenSearch unreachable while " + what + ": " + e.getMessage(), e);
                } catch (OpenSearchException e) {
                    if (isTransient(e.status(), e.error())) {
                        throw new TransientFailureException("OpenSearch unavailable while " + what
                                + " (HTTP " + e.status() + "): " + e.getMessage(), e);
                    }
                    throw e;
                }
            });
        } catch (CallNotPermittedException e) {
            throw new TransientFailureException("OpenSearch circuit breaker is open; not " + what + " until it recovers", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected failure while " + what, e);
        }
    }

    /** 429 (queue full), 5xx, and a cluster block (read-only index, disk watermark, no master) pass with time. */
    static boolean isTransient(int status, ErrorCause error) {
        if (status == 429 || status >= 500) {
            return true;
        }
        return error != null && error.type() != null
                && (error.type().equals("cluster_block_exception") || error.type().equals("es_rejected_execution_exception")
                || error.type().equals("index_not_found_exception") || error.type().equals("no_shard_available_action_exception"));
    }
}
