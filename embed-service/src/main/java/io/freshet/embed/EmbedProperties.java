package io.freshet.embed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How embed-service chunks and consumes.
 *
 * @param chunkTokens         most model tokens in one chunk
 * @param overlapTokens       about how many tokens consecutive chunks share (at most half a chunk)
 * @param titleInEmbedding    embed "title\nchunk text" rather than the chunk text alone (a chunk that opens with the
 *                            title is embedded as it is)
 * @param titleMaxTokens      longest title prefix, in tokens
 * @param maxChunks           a document with more chunks is rejected (dead-lettered): its event would not fit in a record
 * @param consumerGroup       Kafka consumer group of the listener
 * @param listenerConcurrency consumers in this instance; each embeds on its own thread with its own ONNX inference, so
 *                            one per core the service may use (at most the topic's partitions; two independent
 *                            inferences measured 27.5 texts/s on 2 cores, one inference on two threads 23)
 * @param skipUnchanged       do not embed a version whose text the index already holds (turn off to re-embed
 *                            everything after changing the model or the chunking)
 * @param recentDocuments     documents whose last published text is remembered, to tell whether the read model lags
 * @param readModelCapacity   documents of index-service's read model (freshet.documents.indexed) kept in memory, about
 *                            200 bytes each; a document past it is embedded without change detection
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
        @DefaultValue("true") boolean skipUnchanged,
        @Min(0) @DefaultValue("10000") int recentDocuments,
        @Min(0) @DefaultValue("500000") int readModelCapacity) {

    public ChunkingPolicy chunkingPolicy() {
        return new ChunkingPolicy(chunkTokens, overlapTokens, titleInEmbedding, titleMaxTokens);
    }
}
