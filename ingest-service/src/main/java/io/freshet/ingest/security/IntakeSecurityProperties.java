package io.freshet.ingest.security;

import io.freshet.pipeline.security.Operators;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/**
 * Who may use the HTTP intake. Bearer tokens are validated by Spring Security's resource server
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code jwk-set-uri}, {@code audiences}).
 *
 * @param apiKeysFile  connectors' API keys (SHA-256 hashes, names, granted sources; see {@link ApiKeyFile}); absent:
 *                     API keys are refused. Re-read when it changes, so keys rotate without a restart
 * @param sourcesClaim  the JWT claim granting sources: a list, or a space- or comma-separated string
 * @param operatorGroup a token whose {@code groups} claim names this group is an operator's: it may see the health
 *                      details on the management port
 */
@Validated
@ConfigurationProperties("freshet.intake")
public record IntakeSecurityProperties(
        Path apiKeysFile,
        @NotBlank @DefaultValue("freshet_sources") String sourcesClaim,
        @NotBlank @DefaultValue(Operators.DEFAULT_GROUP) String operatorGroup) {
}
