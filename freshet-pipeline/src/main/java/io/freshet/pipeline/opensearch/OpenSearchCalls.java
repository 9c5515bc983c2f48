package io.freshet.pipeline.opensearch;

import io.freshet.contract.failure.TransientFailureException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.OpenSearchException;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * The one guard around OpenSearch calls, for the writer and the reader alike: a circuit breaker, and one rule for
 * what is transient. The cluster unreachable, overloaded (429), failing (5xx), blocking writes, rejecting work or
 * missing shards passes with time: {@link TransientFailureException} (a record waits and is retried; a query gets
 * 503), and it counts against the breaker, which then fails calls fast instead of each waiting for a timeout.
 * Anything else (a bad request, a rejected document) is left as it is for the caller to judge.
 */
public class OpenSearchCalls {

    /** A call that may fail with I/O. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException;
    }

    private static final Set<String> TRANSIENT_ERRORS = Set.of("cluster_block_exception", "es_rejected_execution_exception",
            "no_shard_available_action_exception", "index_not_found_exception");

    private final CircuitBreaker breaker;

    public OpenSearchCalls(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    /** @param what what the call does, for the message ("reading the status of x") */
    public <T> T call(String what, Call<T> call) {
        return guarded(what, call, false);
    }

    /**
     * For a reader to whom a missing index means "nothing written yet" (before the writer's first start): empty
     * instead of a transient failure, and a success for the breaker (a reader asking before anything was written must
     * not open it). A missing index still counts as transient for a writer.
     */
    public <T> Optional<T> callUnlessIndexMissing(String what, Call<T> call) {
        return Optional.ofNullable(guarded(what, call, true));
    }

    private <T> T guarded(String what, Call<T> call, boolean indexMissingIsEmpty) {
        try {
            return breaker.executeCallable(() -> {
                try {
                    return call.run();
                } catch (IOException e) {
                    int status = OpenSearchFailures.httpStatus(e).orElse(0);
                    if (status == 401 || status == 403) {
                        // A setting to fix, not a bad record: it waits like an outage, under a true name.
                        throw new TransientFailureException("OpenSearch refused access (HTTP " + status + ") while "
                                + what + ": check freshet.opensearch.username, password and the user's role", e);
                    }
                    throw new TransientFailureException("OpenSearch unreachable while " + what + ": " + e.getMessage(), e);
                } catch (OpenSearchException e) {
                    if (indexMissingIsEmpty && isIndexMissing(e.error())) {
                        return null;
                    }
                    if (isTransient(e.status(), e.error())) {
                        throw new TransientFailureException("OpenSearch unavailable while " + what
                                + " (HTTP " + e.status() + "): " + e.getMessage(), e);
                    }
                    throw e;
                }
            });
        } catch (CallNotPermittedException e) {
            throw new TransientFailureException("OpenSearch circuit breaker is open after repeated failures; not "
                    + what + " until it recovers", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected failure while " + what, e);
        }
    }

    /** The one transient rule; also for the items of a bulk response and the parts of a multi-search. */
    public static boolean isTransient(int status, ErrorCause error) {
        return status == 429 || status >= 500 || error != null && TRANSIENT_ERRORS.contains(error.type());
    }

    public static boolean isIndexMissing(ErrorCause error) {
        return error != null && "index_not_found_exception".equals(error.type());
    }
}
