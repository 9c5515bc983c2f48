package io.freshet.pipeline.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * The pipeline behind a service, in its health ({@link PipelineHealthIndicator}).
 *
 * @param upstreamGroups the consumer groups of the stages this service's data comes through (each service's
 *                       application.yml names them: query-service all three); empty: no pipeline in its health
 * @param maxLag         records a stage may have waiting before the pipeline counts as behind
 * @param cacheFor       how long one look at the groups answers health checks (probes and scrapes come often)
 * @param timeout        how long one look may take
 */
@Validated
@ConfigurationProperties("freshet.pipeline-health")
public record PipelineHealthProperties(
        @NotNull @DefaultValue List<String> upstreamGroups,
        @Min(0) @DefaultValue("1000") long maxLag,
        @NotNull @DefaultValue("10s") Duration cacheFor,
        @NotNull @DefaultValue("3s") Duration timeout) {
}
