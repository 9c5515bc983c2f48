package io.freshet.infra;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A bearer token that a long-running caller ({@code ./freshet up}, the end-to-end tests, the benchmark) can ask for
 * before every request: minted once, and again once half of its lifetime has passed, so that a request never leaves
 * with a token about to expire and signing costs nothing on a hot path (the benchmark times its searches).
 * JDK-only, like {@link LocalTokenIssuer}.
 */
public final class RenewingToken implements Supplier<String> {

    private final Function<Duration, String> mint;
    private final Duration ttl;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    /** @param mint mints a token valid for the given duration, e.g. {@code ttl -> issuer.userToken("me", List.of(), ttl)} */
    public RenewingToken(Function<Duration, String> mint, Duration ttl) {
        this(mint, ttl, Clock.systemUTC());
    }

    RenewingToken(Function<Duration, String> mint, Duration ttl, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a token's lifetime must be positive: " + ttl);
        }
        this.mint = mint;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A user's token for query-service, renewed as needed. */
    public static RenewingToken user(LocalTokenIssuer issuer, String user, java.util.List<String> groups) {
        return new RenewingToken(ttl -> issuer.userToken(user, groups, ttl), Duration.ofMinutes(30));
    }

    /** A connector's token for ingest-service's intake, renewed as needed. */
    public static RenewingToken connector(LocalTokenIssuer issuer, String connector, java.util.List<String> sources) {
        return new RenewingToken(ttl -> issuer.connectorToken(connector, sources, ttl), Duration.ofMinutes(30));
    }

    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(renewAt)) {
            token = mint.apply(ttl);
            renewAt = now.plus(ttl.dividedBy(2));
        }
        return token;
    }

    /** The value of an Authorization header carrying the token. */
    public String header() {
        return "Bearer " + get();
    }
}
