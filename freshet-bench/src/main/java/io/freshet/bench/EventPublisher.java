package io.freshet.bench;

import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes events straight to the pipeline's topics, as a connector (changes) or embed-service (embedded
 * documents) would, through the pipeline's own {@link io.freshet.pipeline.kafka.EventPublisher} (keyed by document
 * id, same JSON, same failure mapping). A bulk loader does not wait for each acknowledgement: at most
 * {@code maxInFlight} records are unacknowledged at once, so a fast publisher cannot pile up unbounded memory.
 */
public final class EventPublisher implements AutoCloseable {

    private final DefaultKafkaProducerFactory<String, String> producers;
    private final io.freshet.pipeline.kafka.EventPublisher publisher;
    private final Semaphore inFlight;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    public EventPublisher(String bootstrapServers, int maxInFlight) {
        this.inFlight = new Semaphore(maxInFlight);
        this.producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_EVENT_BYTES,
                ProducerConfig.CLIENT_ID_CONFIG, "freshet-bench"),
                new StringSerializer(), new StringSerializer());
        this.publisher = new io.freshet.pipeline.kafka.EventPublisher(new KafkaTemplate<>(producers), new EventCodec(),
                Topics.MAX_EVENT_BYTES, Duration.ofSeconds(30));
    }

    /** Sends one change; blocks only while {@code maxInFlight} records are unacknowledged. */
    public CompletableFuture<Void> publish(DocumentChange change) {
        return send(Topics.CHANGES, change.header().id(), change);
    }

    public CompletableFuture<Void> publish(EmbeddedDocument embedded) {
        return send(Topics.EMBEDDED, embedded.document().id(), embedded);
    }

    private CompletableFuture<Void> send(String topic, String key, Object event) {
        rethrowFailure();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + key, e);
        }
        CompletableFuture<Void> ack;
        try {
            ack = publisher.send(topic, key, event);
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
        return ack.whenComplete((done, failure) -> {
            inFlight.release();
            if (failure != null) {
                firstFailure.compareAndSet(null, failure);
            } else {
                acknowledged.incrementAndGet();
            }
        });
    }

    /** Waits until every record sent so far is acknowledged; throws if any failed. */
    public void flush() {
        try (var producer = producers.createProducer()) {
            producer.flush();
        }
        rethrowFailure();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    private void rethrowFailure() {
        Throwable failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("publishing to Kafka failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        producers.destroy();
    }
}
