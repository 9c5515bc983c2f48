package io.freshet.query.mcp;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The MCP endpoint's bounds (the endpoint itself, name and version are Spring AI's spring.ai.mcp.server.*).
 *
 * @param maxSessions        MCP sessions held at once; a new one beyond is refused (each holds a little memory)
 * @param sessionIdleTimeout a session unused this long is dropped; the agent simply initializes again
 * @param maxPassages        most passages get_document_passages returns
 */
@Validated
@ConfigurationProperties("freshet.mcp")
public record McpProperties(
        @Min(1) @Max(1_000_000) @DefaultValue("1000") long maxSessions,
        @NotNull @DefaultValue("30m") Duration sessionIdleTimeout,
        @Min(1) @Max(500) @DefaultValue("100") int maxPassages) {
}
