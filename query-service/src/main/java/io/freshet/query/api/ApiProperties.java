package io.freshet.query.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP API limits and documentation.
 *
 * @param maxRequestBytes largest request body accepted (a question is at most 2,000 characters; an MCP message or a
 *                        chat completion with its history a few kB): larger is 413 before it is read
 * @param publicApiDocs   serve the OpenAPI document and Swagger UI without a token (they describe the API and hold
 *                        no data); off by default, on in the local run so a newcomer can browse them
 */
@Validated
@ConfigurationProperties("freshet.api")
public record ApiProperties(
        @Min(1024) @Max(16 * 1024 * 1024) @DefaultValue("262144") int maxRequestBytes,
        @DefaultValue("false") boolean publicApiDocs) {
}
