package io.freshet.index.model;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What a model change watches to know the replay went through every stage ({@link ReplayWatermarks}): the other
 * stages' consumer groups, as their services are configured ({@code freshet.ingest.consumer-group},
 * {@code freshet.embed.consumer-group}; index-service's own is {@code freshet.index.consumer-group}).
 *
 * @param ingestGroup ingest-service's consumer group
 * @param embedGroup  embed-service's consumer group
 */
@Validated
@ConfigurationProperties("freshet.model-change")
public record ModelChangeProperties(
        @NotBlank @DefaultValue("ingest-service") String ingestGroup,
        @NotBlank @DefaultValue("embed-service") String embedGroup) {
}
