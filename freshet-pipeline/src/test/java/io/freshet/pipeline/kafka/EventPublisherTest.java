package io.freshet.pipeline.kafka;

import io.freshet.contract.event.EventCodec;
import io.freshet.contract.failure.TransientFailureException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one failure mapping, without a broker: nothing listens on the address, so a send can only fail. Publishing
 * to a real broker is exercised by every service's integration test.
 */
class EventPublisherTest {

    private final DefaultKafkaProducerFactory<String, String> producers = new DefaultKafkaProducerFactory<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 300),
            new StringSerializer(), new StringSerializer());
    private final EventPublisher publisher = new EventPublisher(new KafkaTemplate<>(producers), new EventCodec(), 1024,
            Duration.ofSeconds(2));

    @AfterEach
    void close() {
        producers.destroy();
    }

    @Test
    void anEventOverTheSizeLimitIsPoisonAndSaysWhichLimit() {
        assertThatThrownBy(() -> publisher.publish("t", "doc", Map.of("text", "x".repeat(2000))))
                .isInstanceOf(EventTooLargeException.class)
                .hasMessageContaining("t event for doc").hasMessageContaining("freshet.kafka.max-message-bytes");
    }

    @Test
    void noBrokerIsTransientSoTheRecordIsRetried() {
        assertThatThrownBy(() -> publisher.publish("t", "doc", Map.of("text", "small")))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("publishing to t for doc");
    }
}
