package io.freshet.ingest.security;

import io.freshet.pipeline.security.SecurityProblems;
import io.freshet.pipeline.security.TokenIssuerSettings;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Connectors authenticate to the intake ({@code /v1/**}) with a bearer JWT for audience {@code freshet-intake} or a
 * per-connector API key; which sources they may publish is checked by the intake itself, per document. Health and
 * metrics stay open for probes and the scraper; everything else needs a caller.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeSecurityProperties.class)
class IntakeSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IntakeSecurityConfiguration.class);

    @Bean
    SecurityFilterChain intakeSecurity(HttpSecurity http, IntakeSecurityProperties properties,
                                       ObjectProvider<JwtDecoder> jwtDecoders, Environment environment) throws Exception {
        TokenIssuerSettings.requireIssuerWhereTokensAreValidated(environment);
        JwtDecoder jwtDecoder = jwtDecoders.getIfAvailable();
        ApiKeyFile apiKeys = properties.apiKeysFile() == null ? null : ApiKeyFile.load(properties.apiKeysFile());
        report(jwtDecoder != null, properties);
        http.csrf(AbstractHttpConfigurer::disable) // no cookies, no sessions: nothing for a forged request to ride on
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll() // the problem for a refusal already made
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(SecurityProblems.unauthenticated())
                        .accessDeniedHandler(SecurityProblems.forbidden()))
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys), BearerTokenAuthenticationFilter.class);
        if (jwtDecoder != null) {
            http.oauth2ResourceServer(server -> server
                    .authenticationEntryPoint(SecurityProblems.unauthenticated())
                    .accessDeniedHandler(SecurityProblems.forbidden())
                    .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(new JwtConnectors(properties.sourcesClaim(), properties.operatorGroup()))));
        }
        return http.build();
    }

    /** A path the firewall refuses (an encoded slash, a control character) is a 400 problem like any other. */
    @Bean
    RequestRejectedHandler requestRejectedAsProblem() {
        return (request, response, rejected) -> {
            log.debug("Rejected {} {}: {}", request.getMethod(), request.getRequestURI(), rejected.getMessage());
            SecurityProblems.write(response, HttpStatus.BAD_REQUEST, "Bad Request",
                    "the request path or its parameters hold characters that are not accepted (an encoded slash, "
                            + "backslash, percent or control character, or a non-normalised path)");
        };
    }

    private static void report(boolean jwt, IntakeSecurityProperties properties) {
        if (jwt) {
            log.info("Intake: bearer tokens accepted (sources from claim '{}')", properties.sourcesClaim());
        }
        if (properties.apiKeysFile() != null) {
            log.info("Intake: API keys accepted ({} header) from {}", ApiKeyAuthenticationFilter.HEADER, properties.apiKeysFile());
        }
        if (!jwt && properties.apiKeysFile() == null) {
            log.warn("Intake: every request is refused: set spring.security.oauth2.resourceserver.jwt.issuer-uri "
                    + "(or jwk-set-uri) for tokens, or freshet.intake.api-keys-file for API keys");
        }
    }
}
