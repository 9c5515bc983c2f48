package io.freshet.query.security;

import io.freshet.pipeline.security.Operators;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * Who may call query-service and how a caller's identity becomes ACL principals. The token issuer itself is Spring
 * Boot's: {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}, and {@code audiences}.
 *
 * @param mode             {@code jwt} (default): bearer tokens validated against the issuer; the principals header is
 *                         ignored. {@code trusted-header}: the caller's principals are read from {@link #trustedHeader}
 *                         as sent; only for a deployment where an authenticating proxy is the sole way in and sets
 *                         the header on every request (anyone who reaches the service directly can claim any group)
 * @param anonymousPublic  lets a request without credentials in, reading public documents only (off by default)
 * @param userClaim        the claim naming the user: {@code sub}, or e.g. {@code preferred_username} (Keycloak),
 *                         {@code upn} or {@code oid} (Entra ID); the value as is is the user's principal in ACLs
 * @param groupClaims      claims listing the caller's groups, each a name or a dotted path into the token
 *                         ({@code groups}, {@code roles}, {@code realm_access.roles}); group {@code hr} is
 *                         {@code group:hr}
 * @param trustedHeader    the header an authenticating proxy sets in trusted-header mode: comma-separated principals
 *                         in ACL form, e.g. {@code alice,group:hr}
 * @param operatorGroup    members of this group are operators: they see the health details on the management port
 */
@Validated
@ConfigurationProperties("freshet.security")
public record SecurityProperties(
        @NotNull @DefaultValue("jwt") Mode mode,
        @DefaultValue("false") boolean anonymousPublic,
        @NotBlank @DefaultValue("sub") String userClaim,
        @NotEmpty @DefaultValue("groups") List<@NotBlank String> groupClaims,
        @NotBlank @DefaultValue("X-Freshet-Principals") String trustedHeader,
        @NotBlank @DefaultValue(Operators.DEFAULT_GROUP) String operatorGroup) {

    public enum Mode { JWT, TRUSTED_HEADER }
}
