package io.freshet.query.security;

import io.freshet.query.access.Caller;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads a validated token's user and groups into a {@link Caller}, per {@link SecurityProperties}: Entra ID
 * ({@code groups}, {@code roles}) and Keycloak ({@code groups}, {@code realm_access.roles}) shapes, a claim holding a
 * list, or a string holding one group. A token without the user claim is refused (it names nobody to audit), and so
 * is one whose user is named like a group or the organisation.
 */
final class TokenClaims implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String userClaim;
    private final List<String> groupClaims;
    private final String operatorGroup;

    TokenClaims(SecurityProperties properties) {
        this.userClaim = properties.userClaim();
        this.groupClaims = properties.groupClaims();
        this.operatorGroup = properties.operatorGroup();
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Object user = claim(jwt.getClaims(), userClaim);
        if (!(user instanceof String name) || name.isBlank()) {
            throw new InvalidBearerTokenException("the token has no '" + userClaim + "' claim naming the user");
        }
        if (Caller.isReservedName(name)) {
            throw new InvalidBearerTokenException("the token's user is named like a group or the organisation");
        }
        List<String> groups = new ArrayList<>();
        for (String path : groupClaims) {
            groups.addAll(names(claim(jwt.getClaims(), path)));
        }
        return new CallerAuthentication(Caller.authenticated(name, groups), operatorGroup);
    }

    /** A claim by name, or by a dotted path into nested objects when no claim has that exact name. */
    private static Object claim(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static List<String> names(Object value) {
        List<String> names = new ArrayList<>();
        if (value instanceof Collection<?> items) {
            items.forEach(item -> names.add(String.valueOf(item)));
        } else if (value instanceof String text) {
            // One group: a name may hold spaces ("Finance Admins"); a provider lists several as an array.
            names.add(text.strip());
        }
        names.removeIf(String::isBlank);
        return names;
    }
}
