package io.freshet.infra;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka clients of the operator's commands. They answer a person at a terminal, so a broker that is down must
 * turn into an error within seconds rather than the clients' default minute; records are read and written as bytes,
 * exactly as they are, never re-encoded.
 */
final class BrokerClients {

    /** {@code ./freshet up}'s broker. */
    static final String LOCAL = LocalEngines.KAFKA;
    /** The pipeline's largest event (Topics.MAX_EVENT_BYTES in freshet-contract) plus room for headers. */
    static final int MAX_RECORD_BYTES = 16 * 1024 * 1024 + 64 * 1024;

    private final String bootstrapServers;
    private final Duration timeout;

    BrokerClients(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Duration timeout() {
        return timeout;
    }

    Admin admin() {
        Properties props = common();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(timeout));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(timeout));
        return Admin.create(props);
    }

    /** Without a group: the commands assign partitions and seek, and never commit an offset of anybody's. */
    KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = common();
        props.putAll(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(MAX_RECORD_BYTES),
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(MAX_RECORD_BYTES),
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(timeout),
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(timeout)));
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Acknowledged by every replica and idempotent, like the services' own producers. */
    KafkaProducer<byte[], byte[]> producer() {
        Properties props = common();
        props.putAll(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_RECORD_BYTES),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(timeout),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(timeout),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis(timeout.multipliedBy(3)),
                ProducerConfig.LINGER_MS_CONFIG, "0"));
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** What went wrong talking to the broker, in a person's words: a timeout means nothing answered. */
    String problem(Exception e) {
        Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof java.util.concurrent.TimeoutException
                || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "Kafka at " + bootstrapServers + " did not answer within " + timeout.toSeconds() + " s";
        }
        return "Kafka at " + bootstrapServers + " refused: " + cause.getMessage();
    }

    private Properties common() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "freshet-ops");
        // A broker that is not there: give up connecting quickly, and do not hammer it meanwhile.
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, "2000");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return props;
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }
}
