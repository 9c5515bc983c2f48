package io.freshet.connectors.sharepoint;

import io.freshet.connectors.http.SourceHttp;
import io.freshet.connectors.http.SourceRefusedException;
import io.freshet.connectors.http.SourceUnavailableException;
import org.apache.kafka.common.config.types.Password;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * App-only access tokens from Entra ID's client credentials grant, cached until shortly before they expire (five
 * minutes, or half the lifetime of a short-lived token) so that a request never leaves with a token about to lapse.
 * The token and the secret are never logged.
 */
final class GraphTokens {

    private static final Logger log = LoggerFactory.getLogger(GraphTokens.class);
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final SourceHttp http;
    private final URI endpoint;
    private final String clientId;
    private final Password clientSecret;
    private final String scope;
    private final LongSupplier nanoTime;
    private String token;
    private long refreshAtNanos;

    GraphTokens(SourceHttp http, URI endpoint, String clientId, Password clientSecret, String scope) {
        this(http, endpoint, clientId, clientSecret, scope, System::nanoTime);
    }

    GraphTokens(SourceHttp http, URI endpoint, String clientId, Password clientSecret, String scope,
                LongSupplier nanoTime) {
        this.http = http;
        this.endpoint = endpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.nanoTime = nanoTime;
    }

    /** A valid access token, from the cache or freshly issued. */
    synchronized String accessToken() {
        if (token != null && nanoTime.getAsLong() - refreshAtNanos < 0) {
            return token;
        }
        JsonNode answer;
        try {
            answer = http.postForm(endpoint, Map.of("grant_type", "client_credentials", "client_id", clientId,
                    "client_secret", clientSecret.value(), "scope", scope));
        } catch (SourceRefusedException e) {
            throw new TokenRefusedException(e);
        }
        String accessToken = GraphJson.text(answer, "access_token");
        long expiresIn = answer.path("expires_in").asLong(0);
        if (accessToken == null || expiresIn <= 0) {
            throw new SourceUnavailableException("the token endpoint answered without access_token and expires_in", null,
                    null);
        }
        Duration lifetime = Duration.ofSeconds(expiresIn);
        Duration margin = lifetime.compareTo(MARGIN.multipliedBy(2)) < 0 ? lifetime.dividedBy(2) : MARGIN;
        token = accessToken;
        refreshAtNanos = nanoTime.getAsLong() + lifetime.minus(margin).toNanos();
        log.debug("Got a Graph access token for client {} valid for {} s", clientId, expiresIn);
        return token;
    }

    /** Forgets the cached token: Graph refused it (revoked, or the app's permissions changed). */
    synchronized void invalidate() {
        token = null;
    }

    /** Entra ID refused the client credentials: the tenant, the client id or the secret is wrong or expired. */
    static final class TokenRefusedException extends SourceRefusedException {
        TokenRefusedException(SourceRefusedException cause) {
            // SourceHttp's message names the endpoint without a query and Entra's AADSTS code; never the secret.
            super(cause.status(), "the token endpoint refused the client credentials (check graph.tenant.id, "
                    + "graph.client.id and graph.client.secret; secrets expire): " + cause.getMessage());
        }
    }
}
