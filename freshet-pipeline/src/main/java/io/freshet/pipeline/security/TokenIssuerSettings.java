package io.freshet.pipeline.security;

import org.springframework.core.env.Environment;

/**
 * The one rule for the services that take bearer tokens: the issuer is always named. Spring Boot checks a token's
 * {@code iss} only when {@code issuer-uri} is set; with a {@code jwk-set-uri} alone, a token of another tenant or realm
 * signed with the same published keys (Entra ID's common keys, one Keycloak serving several realms) would pass.
 */
public final class TokenIssuerSettings {

    public static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    public static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

    private TokenIssuerSettings() {
    }

    /** Fails the start when tokens would be validated without checking who issued them. */
    public static void requireIssuerWhereTokensAreValidated(Environment environment) {
        boolean issuer = hasText(environment.getProperty(ISSUER_URI));
        if (!issuer && hasText(environment.getProperty(JWK_SET_URI))) {
            throw new IllegalStateException(JWK_SET_URI + " is set but " + ISSUER_URI + " is not: set the issuer too, so that "
                    + "a token's 'iss' is checked (keys can be shared by other tenants or realms)");
        }
    }

    public static boolean issuerConfigured(Environment environment) {
        return hasText(environment.getProperty(ISSUER_URI));
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
