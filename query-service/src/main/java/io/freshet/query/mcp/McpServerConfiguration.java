package io.freshet.query.mcp;

import io.freshet.query.security.CurrentCaller;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.ai.mcp.server.webmvc.transport.WebMvcStreamableServerTransportProvider;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/**
 * Agents over MCP (streamable HTTP at /mcp, Spring AI's MCP server). The endpoint sits behind the same security
 * chain as /v1: no token, no MCP. Each HTTP request's caller, as the chain established it, rides along in the MCP
 * transport context to the tools, which search and answer through the same permission point as the HTTP API; an
 * agent acting with a user's token sees what that user sees, whatever the session it reuses.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(McpProperties.class)
class McpServerConfiguration {

    static final String CALLER = "freshet.caller";

    @Bean
    WebMvcStreamableServerTransportProvider webMvcStreamableServerTransportProvider(
            @Qualifier("mcpServerJsonMapper") JsonMapper jsonMapper, McpProperties properties) {
        return WebMvcStreamableServerTransportProvider.builder()
                .jsonMapper(new JacksonMcpJsonMapper(jsonMapper))
                .mcpEndpoint("/mcp")
                .maxSessions(properties.maxSessions())
                .sessionIdleTimeout(properties.sessionIdleTimeout())
                .contextExtractor(request -> McpTransportContext.create(Map.of(CALLER, CurrentCaller.get())))
                .build();
    }

    @Bean
    List<SyncToolSpecification> freshetTools(McpTools tools) {
        return tools.specifications();
    }
}
