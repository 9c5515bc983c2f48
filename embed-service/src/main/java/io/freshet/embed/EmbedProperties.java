package io.freshet.embed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How embed-service chunks and consumes.
 *
 * @param chunkTokens         most model tokens in one chunk
 * @param overlapTokens       about how many tokens consecutive chunks share (at most half a chunk)
 * @param titleInEmbedding    embed "title\nchunk text" rather than the chunk text alone
 * @param titleMaxTokens      longest title prefix, in tokens
 * @param maxChunks           a document with more chunks is rejected (dead-lettered): its event would not fit in a record
 * @param consumerGroup       Kafka consumer group of the listener
 * @param listenerConcurrency consumers in this instance; each embeds on its own thread with its own ONNX inference, so
 *                            one per core the service may use (at most the topic's partitions; two independent
 *                            inferences measured 27.5 texts/s on 2 cores, one inference on two threads 23)
 * @param sendTimeout         how long to wait for the broker to acknowledge an embedded document before retrying
 * @param skipUnchanged       do not embed a version whose text the index already holds (turn off to re-embed
 *                            everything after changing the model or the chunking)
 * @param recentDocuments     documents whose last published text is remembered, to tell whether the status record lags
 */
@Validated
@ConfigurationProperties("freshet.embed")
public record EmbedProperties(
        @Min(16) @Max(510) @DefaultValue("256") int chunkTokens,
        @Min(0) @Max(255) @DefaultValue("32") int overlapTokens,
        @DefaultValue("true") boolean titleInEmbedding,
        @Min(0) @Max(128) @DefaultValue("32") int titleMaxTokens,
        @Min(1) @DefaultValue("2000") int maxChunks,
        @NotBlank @DefaultValue("embed-service") String consumerGroup,
        @Min(1) @Max(64) @DefaultValue("2") int listenerConcurrency,
        @NotNull @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue("true") boolean skipUnchanged,
        @Min(0) @DefaultValue("10000") int recentDocuments) {

    public ChunkingPolicy chunkingPolicy() {
        return new ChunkingPolicy(chunkTokens, overlapTokens, titleInEmbedding, titleMaxTokens);
    }
}
