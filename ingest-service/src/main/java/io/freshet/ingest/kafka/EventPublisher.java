package io.freshet.ingest.kafka;

import io.freshet.contract.pipeline.TransientFailureException;
import io.freshet.ingest.IngestProperties;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes one record and returns only once the broker has acknowledged it, so a caller never reports
 * success (an HTTP 202, a consumed offset) for an event that is not durably on its topic.
 */
@Component
public class EventPublisher {

    private final KafkaTemplate<String, String> template;
    private final Duration timeout;

    public EventPublisher(KafkaTemplate<String, String> template, IngestProperties properties) {
        this.template = template;
        this.timeout = properties.publishTimeout();
    }

    /**
     * @param value the event JSON, or null for a tombstone
     * @throws TransientFailureException         Kafka is unreachable or did not acknowledge in time
     * @throws RecordTooLargeForKafkaException   the broker will never take a record this size
     */
    public void publish(String topic, String key, String value) {
        try {
            CompletableFuture<SendResult<String, String>> ack = template.send(topic, key, value);
            ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(topic, key, value, e.getCause());
        } catch (TimeoutException e) {
            throw new TransientFailureException("Kafka did not acknowledge the " + topic + " record for " + key
                    + " within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("interrupted while publishing to " + topic + " for " + key, e);
        } catch (RuntimeException e) {
            throw failure(topic, key, value, e); // send() itself fails when no broker metadata arrives in time
        }
    }

    private static RuntimeException failure(String topic, String key, String value, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                int bytes = value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
                return new RecordTooLargeForKafkaException("too large: the " + topic + " event for " + key + " is "
                        + String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024)) + ", over Kafka's message size limit", cause);
            }
            if (t instanceof TransientFailureException transientFailure) {
                return transientFailure;
            }
        }
        return new TransientFailureException("Kafka unavailable: publishing to " + topic + " for " + key + " failed ("
                + innermost(cause) + ")", cause);
    }

    /** "Topic x not present in metadata after 10000 ms." says more than spring-kafka's "Send failed". */
    private static String innermost(Throwable failure) {
        String message = String.valueOf(failure);
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
