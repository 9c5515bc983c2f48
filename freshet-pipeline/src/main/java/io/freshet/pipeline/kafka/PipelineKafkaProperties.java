package io.freshet.pipeline.kafka;

import io.freshet.contract.event.Topics;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the pipeline's topics are created, how events are published and how a failing record is handled.
 *
 * @param partitions          partitions of each pipeline topic: the most consumers of one group that can share the work;
 *                            6 divides evenly among 1, 2, 3 or 6 consumers (3 partitions left one of 2 consumers idle
 *                            for the last third of a bulk load)
 * @param replicationFactor   1 for a single local broker, 3 in production
 * @param maxMessageBytes     the largest event (default {@link Topics#MAX_EVENT_BYTES}); the topics, the producers'
 *                            max.request.size and the consumers' max.partition.fetch.bytes all follow it
 * @param publishTimeout      how long a publisher waits for the broker's acknowledgement before the record is retried
 * @param transientRetryStart first wait before retrying a record whose dependency is down
 * @param transientRetryMax   longest wait between such retries; they go on until the dependency is back
 * @param unexpectedAttempts  attempts for an unclassified error before the record is dead-lettered
 */
@Validated
@ConfigurationProperties("freshet.kafka")
public record PipelineKafkaProperties(
        @Min(1) @DefaultValue("6") int partitions,
        @Min(1) @DefaultValue("1") short replicationFactor,
        @Min(1024) Integer maxMessageBytes,
        @NotNull @DefaultValue("30s") Duration publishTimeout,
        @NotNull @DefaultValue("500ms") Duration transientRetryStart,
        @NotNull @DefaultValue("30s") Duration transientRetryMax,
        @Min(1) @DefaultValue("3") int unexpectedAttempts) {

    public PipelineKafkaProperties {
        maxMessageBytes = maxMessageBytes == null ? Topics.MAX_EVENT_BYTES : maxMessageBytes;
    }
}
