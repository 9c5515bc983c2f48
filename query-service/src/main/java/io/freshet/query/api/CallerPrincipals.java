package io.freshet.query.api;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is asking, from the {@value #HEADER} header: comma-separated user and group principals, e.g.
 * {@code alice,group:hr}. The header is trusted: the gateway in front of query-service authenticates the
 * caller, sets it, and strips any value a client sent. Without it the caller sees public passages only.
 */
public final class CallerPrincipals {

    public static final String HEADER = "X-Freshet-Principals";

    private CallerPrincipals() {
    }

    static Set<String> parse(String header) {
        if (header == null || header.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(header.split(","))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
