package io.freshet.ingest;

import io.freshet.ingest.extraction.ExtractionLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How ingest-service extracts and publishes.
 *
 * @param maxDocumentSize   larger documents are rejected ("too large: 73 MB over the 50 MB limit")
 * @param maxCharacters     extracted text beyond this is dropped and the document marked truncated
 * @param maxEmbeddingDepth how deep attachments inside attachments are read (archive bombs stop here)
 * @param parseTimeout      a document whose parse gives no result by then is rejected
 * @param parserThreads     parses that may run at once (each listener thread uses one)
 * @param publishTimeout    how long to wait for Kafka to acknowledge a published event
 * @param consumerGroup     the Kafka consumer group of the change listener
 */
@Validated
@ConfigurationProperties("freshet.ingest")
public record IngestProperties(
        @NotNull @DefaultValue("50MB") DataSize maxDocumentSize,
        @Min(1) @DefaultValue("2000000") int maxCharacters,
        @Min(0) @Max(20) @DefaultValue("5") int maxEmbeddingDepth,
        @NotNull @DefaultValue("60s") Duration parseTimeout,
        @Min(1) @Max(64) @DefaultValue("2") int parserThreads,
        @NotNull @DefaultValue("15s") Duration publishTimeout,
        @NotBlank @DefaultValue("ingest-service") String consumerGroup) {

    public ExtractionLimits extractionLimits() {
        return new ExtractionLimits(maxDocumentSize.toBytes(), maxCharacters, maxEmbeddingDepth, parseTimeout,
                parserThreads);
    }
}
