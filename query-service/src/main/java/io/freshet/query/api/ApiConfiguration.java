package io.freshet.query.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The request size limit and the OpenAPI document's description of the API and its bearer tokens. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
class ApiConfiguration {

    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(ApiProperties properties) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimit(properties.maxRequestBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10); // before security and before anything reads the body
        return registration;
    }

    @Bean
    OpenAPI freshetOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Freshet query API").version("v1")
                        .description("Hybrid search, grounded and cited answers (whole, streamed as Server-Sent Events, "
                                + "or OpenAI-compatible chat completions), document status and answer feedback, over "
                                + "the documents the caller may read. Agents: MCP (streamable HTTP) at /mcp."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
