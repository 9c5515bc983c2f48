package io.freshet.pipeline.kafka;

import io.freshet.contract.event.EventCodec;
import io.freshet.contract.failure.TransientFailureException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way a stage publishes an event: JSON by {@link EventCodec}, keyed by document id, and one mapping of
 * failures. {@link #publish} returns only once the broker has acknowledged the record, so nobody reports success
 * (a committed offset, an HTTP 202) for an event that is not durably on its topic:
 * <ul>
 *   <li>over the size limit (before sending, or refused by the broker): {@link EventTooLargeException}, poison;</li>
 *   <li>anything else (no broker, no acknowledgement in time, interrupted): {@link TransientFailureException}, retried.</li>
 * </ul>
 */
public class EventPublisher {

    private final KafkaTemplate<String, String> template;
    private final EventCodec codec;
    private final int maxMessageBytes;
    private final Duration timeout;

    public EventPublisher(KafkaTemplate<String, String> template, EventCodec codec, int maxMessageBytes, Duration timeout) {
        this.template = template;
        this.codec = codec;
        this.maxMessageBytes = maxMessageBytes;
        this.timeout = timeout;
    }

    /**
     * Publishes and waits for the acknowledgement.
     *
     * @param event the event (written as JSON), or null for a tombstone
     */
    public void publish(String topic, String key, Object event) {
        await(send(topic, key, event), topic, key);
    }

    /** The same with record headers (UTF-8 values), e.g. the embedding model a record is for. */
    public void publish(String topic, String key, Object event, Map<String, String> headers) {
        await(send(topic, key, event, headers), topic, key);
    }

    /**
     * Publishes several events (by key, in the map's order) and waits once for every acknowledgement: a batch pays
     * one round trip, not one per event. Fails like {@link #publish} on the first failure found.
     */
    public void publishAll(String topic, Map<String, ?> eventsByKey) {
        publishAll(topic, eventsByKey, Map.of());
    }

    /** The same, every record with these headers. */
    public void publishAll(String topic, Map<String, ?> eventsByKey, Map<String, String> headers) {
        var acks = new ArrayList<CompletableFuture<Void>>(eventsByKey.size());
        eventsByKey.forEach((key, event) -> acks.add(send(topic, key, event, headers)));
        String keys = eventsByKey.size() == 1 ? eventsByKey.keySet().iterator().next() : eventsByKey.size() + " keys";
        await(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)), topic, keys);
    }

    private void await(CompletableFuture<?> ack, String topic, String key) {
        try {
            ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(topic, key, e.getCause());
        } catch (TimeoutException e) {
            throw new TransientFailureException("Kafka did not acknowledge the " + topic + " record for " + key
                    + " within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("interrupted while publishing to " + topic + " for " + key, e);
        }
    }

    /**
     * Sends without waiting (for a bulk loader that bounds what is in flight itself). The future fails with the
     * same exceptions {@link #publish} throws.
     */
    public CompletableFuture<Void> send(String topic, String key, Object event) {
        return send(topic, key, event, Map.of());
    }

    /** The same with record headers. */
    public CompletableFuture<Void> send(String topic, String key, Object event, Map<String, String> headers) {
        String json = event == null ? null : codec.write(event);
        int bytes = json == null ? 0 : json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxMessageBytes) {
            throw tooLarge(topic, key, bytes, null);
        }
        try {
            var record = new ProducerRecord<String, String>(topic, key, json);
            headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            return template.send(record)
                    .handle((result, error) -> {
                        if (error != null) {
                            throw failure(topic, key, error);
                        }
                        return null;
                    });
        } catch (RuntimeException e) {
            throw failure(topic, key, e); // send() itself fails when no broker metadata arrives in time
        }
    }

    private RuntimeException failure(String topic, String key, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                return tooLarge(topic, key, -1, cause);
            }
            if (t instanceof EventTooLargeException || t instanceof TransientFailureException) {
                return (RuntimeException) t;
            }
        }
        if (cause instanceof CompletionException && cause.getCause() != null) {
            return failure(topic, key, cause.getCause());
        }
        return new TransientFailureException("Kafka unavailable: publishing to " + topic + " for " + key + " failed ("
                + innermost(cause) + ")", cause);
    }

    private EventTooLargeException tooLarge(String topic, String key, int bytes, Throwable cause) {
        String size = bytes < 0 ? "refused by the broker as too large"
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        return new EventTooLargeException("too large: the " + topic + " event for " + key + " is " + size
                + ", over the event size limit of " + maxMessageBytes + " bytes (freshet.kafka.max-message-bytes)", cause);
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
