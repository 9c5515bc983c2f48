package io.freshet.contract.failure;

/**
 * Headers Freshet adds to a dead-lettered record, besides spring-kafka's own
 * {@code kafka_dlt-original-topic}, {@code -original-partition}, {@code -original-offset},
 * {@code -exception-fqcn} and {@code -exception-message}.
 */
public final class DeadLetterHeaders {

    /** Why the record was rejected, in words an operator can act on. */
    public static final String REASON = "freshet-dlq-reason";
    /** The class of the exception that rejected it. */
    public static final String EXCEPTION = "freshet-dlq-exception";

    private DeadLetterHeaders() {
    }
}
