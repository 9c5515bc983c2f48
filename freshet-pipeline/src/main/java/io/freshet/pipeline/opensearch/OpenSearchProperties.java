package io.freshet.pipeline.opensearch;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * Where OpenSearch is and what the indices are called; the same for the writer and the reader.
 *
 * @param url            the cluster's HTTP address
 * @param chunkIndex     the passage index (vectors + BM25 text)
 * @param statusIndex    one record per document: version, state, chunk count, rejection reason
 * @param connectTimeout connect timeout of each request
 * @param socketTimeout  read timeout of each request
 */
@Validated
@ConfigurationProperties("freshet.opensearch")
public record OpenSearchProperties(
        @NotNull @DefaultValue("http://127.0.0.1:9200") URI url,
        @NotBlank @DefaultValue("freshet-chunks") String chunkIndex,
        @NotBlank @DefaultValue("freshet-documents") String statusIndex,
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration socketTimeout,
        @Min(1) @DefaultValue("1") int shards,
        @Min(0) @DefaultValue("0") int replicas) {
}
