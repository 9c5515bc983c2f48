package io.freshet.ingest.security;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated connector and the sources it may publish and delete documents of.
 *
 * @param name    from the token ({@code client_id}, {@code azp} or {@code sub}) or the API key file
 * @param sources granted sources; empty: it may publish nothing
 */
public record Connector(String name, Set<String> sources) {

    public Connector {
        Objects.requireNonNull(name, "name");
        sources = Set.copyOf(sources);
    }

    public boolean mayUse(String source) {
        return source != null && sources.contains(source);
    }
}
