package io.freshet.contract.failure;

/**
 * The record itself is bad (breaks the contract, cannot be parsed, is over a limit): retrying cannot
 * help, so it goes to the dead-letter topic with {@link #getMessage()} as its reason.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String reason) {
        super(reason);
    }

    public PoisonEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
