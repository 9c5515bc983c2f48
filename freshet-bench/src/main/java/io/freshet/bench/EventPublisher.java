package io.freshet.bench;

import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes events straight to the pipeline's topics, as a connector (changes) or embed-service (embedded
 * documents) would: keyed by document id, JSON by {@link EventCodec}, acks=all. At most {@code maxInFlight}
 * records wait for their acknowledgement at once, so a fast publisher cannot pile up unbounded memory.
 */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final EventCodec codec = new EventCodec();
    private final Semaphore inFlight;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public EventPublisher(String bootstrapServers, int maxInFlight) {
        this.inFlight = new Semaphore(maxInFlight);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024,
                ProducerConfig.CLIENT_ID_CONFIG, "freshet-bench"),
                new StringSerializer(), new StringSerializer());
    }

    /** Sends one change; blocks only while {@code maxInFlight} records are unacknowledged. */
    public Future<?> publish(DocumentChange change) {
        return send(Topics.CHANGES, change.header().id(), codec.write(change));
    }

    public Future<?> publish(EmbeddedDocument embedded) {
        return send(Topics.EMBEDDED, embedded.document().id(), codec.write(embedded));
    }

    private Future<?> send(String topic, String key, String value) {
        rethrowFailure();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + key, e);
        }
        return producer.send(new ProducerRecord<>(topic, key, value), (metadata, exception) -> {
            inFlight.release();
            if (exception != null) {
                firstFailure.compareAndSet(null, exception);
            } else {
                acknowledged.incrementAndGet();
            }
        });
    }

    /** Waits until every record sent so far is acknowledged; throws if any failed. */
    public void flush() {
        producer.flush();
        rethrowFailure();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    private void rethrowFailure() {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("publishing to Kafka failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
