package io.freshet.contract.failure;

/**
 * A dependency is unavailable (OpenSearch down, Kafka unreachable, a remote fetch timed out): the record
 * is fine and is retried with backoff until the dependency is back. Never dead-lettered.
 */
public class TransientFailureException extends RuntimeException {

    public TransientFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
