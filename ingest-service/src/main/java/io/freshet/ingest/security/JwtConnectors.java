package io.freshet.ingest.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A validated JWT as a {@link Connector}: the name from {@code client_id}, {@code azp} or {@code sub} (client
 * credentials tokens differ by provider), the sources from the configured claim, a list or a space- or
 * comma-separated string (Keycloak and Entra ID emit either).
 */
final class JwtConnectors implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String sourcesClaim;
    private final String operatorGroup;

    JwtConnectors(String sourcesClaim, String operatorGroup) {
        this.sourcesClaim = sourcesClaim;
        this.operatorGroup = operatorGroup;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        boolean operator = names(jwt.getClaim("groups")).contains(operatorGroup);
        return new ConnectorAuthentication(new Connector(name(jwt), names(jwt.getClaim(sourcesClaim))), jwt, operator);
    }

    private static String name(Jwt jwt) {
        for (String claim : new String[] {"client_id", "azp", "sub"}) {
            String value = jwt.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                // It ends up in logs and problem details: no control characters, whoever issued it.
                return value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            }
        }
        // Nobody to scope, log or audit: not a connector's token.
        throw new InvalidBearerTokenException("the token names no connector (client_id, azp or sub)");
    }

    /** A claim holding a list, or a space- or comma-separated string, as names. */
    static Set<String> names(Object claim) {
        Set<String> names = new LinkedHashSet<>();
        if (claim instanceof Collection<?> items) {
            for (Object item : items) {
                if (item instanceof String name && !name.isBlank()) {
                    names.add(name.strip());
                }
            }
        } else if (claim instanceof String text) {
            for (String name : text.split("[\\s,]+")) {
                if (!name.isBlank()) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
