package io.freshet.index;

import io.freshet.contract.index.ModelCatalog;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the chunk index is laid out and how index-service consumes.
 *
 * @param dimensions          length of every embedding; unset: the model's (set only to test with small vectors)
 * @param hnswM               HNSW graph degree
 * @param hnswEfConstruction  HNSW build-time candidate list size
 * @param consumerGroup       Kafka consumer group of the writer
 * @param concurrency         consumers in this instance (at most the partition count is useful)
 * @param maxBatchEvents      events one consumer takes per poll and writes in one _bulk (with one status read): large
 *                            enough to amortise the round trips during a load, small enough to keep a bulk to a few MB
 * @param loadRefreshInterval the chunk index's refresh interval while index-service is behind (a poll of at least
 *                            {@code loadPollEvents}); caught up again, it goes back to a second and refreshes at once
 * @param loadPollEvents      a poll this full means index-service is behind
 * @param loadEventAge        a poll holding an event that happened this long ago means the pipeline is behind
 * @param bootstrapRetryStart first wait before retrying index creation while OpenSearch is unreachable
 * @param bootstrapRetryMax   longest wait between those retries
 * @param model               the embedding model whose vectors this service writes (one of {@link ModelCatalog}); it
 *                            writes that model's indices ({@code freshet-chunks.<model>}), which readers reach through
 *                            the alias {@code freshet-chunks} while that model serves
 */
@Validated
@ConfigurationProperties("freshet.index")
public record IndexProperties(
        @Min(1) Integer dimensions,
        @Min(2) @DefaultValue("16") int hnswM,
        @Min(2) @DefaultValue("100") int hnswEfConstruction,
        @NotBlank @DefaultValue("index-service") String consumerGroup,
        @Min(1) @DefaultValue("1") int concurrency,
        @Min(1) @Max(2000) @DefaultValue("200") int maxBatchEvents,
        @NotNull @DefaultValue("10s") Duration loadRefreshInterval,
        @Min(2) @DefaultValue("100") int loadPollEvents,
        @NotNull @DefaultValue("10s") Duration loadEventAge,
        @NotNull @DefaultValue("1s") Duration bootstrapRetryStart,
        @NotNull @DefaultValue("30s") Duration bootstrapRetryMax,
        @NotBlank @DefaultValue(ModelCatalog.DEFAULT_ID) String model) {

    public IndexProperties {
        if (model != null && !model.isBlank()) {
            ModelCatalog.Model known = ModelCatalog.require(model);
            dimensions = dimensions != null ? dimensions : known.dimensions();
        }
    }

    /** The same settings for another model's indices (its own vector size). */
    public IndexProperties forModel(String other) {
        return new IndexProperties(ModelCatalog.require(other).dimensions(), hnswM, hnswEfConstruction, consumerGroup,
                concurrency, maxBatchEvents, loadRefreshInterval, loadPollEvents, loadEventAge, bootstrapRetryStart,
                bootstrapRetryMax, other);
    }
}
