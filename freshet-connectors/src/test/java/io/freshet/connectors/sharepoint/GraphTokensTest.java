package io.freshet.connectors.sharepoint;

import io.freshet.connectors.http.SourceHttp;
import io.freshet.connectors.http.SourceRefusedException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphTokensTest {

    private final GraphTestServer graph = GraphTestServer.start();
    private final SourceHttp http = new SourceHttp(Duration.ofSeconds(5), Duration.ofSeconds(5));
    private final AtomicLong nanos = new AtomicLong();

    @AfterEach
    void close() {
        graph.close();
    }

    private GraphTokens tokens(String secret) {
        return new GraphTokens(http, URI.create(graph.authorityUrl() + "/" + graph.tenant() + "/oauth2/v2.0/token"),
                graph.clientId(), new Password(secret), "https://graph.microsoft.com/.default", nanos::get);
    }

    @Test
    void aTokenIsCachedUntilFiveMinutesBeforeItExpires() {
        GraphTokens tokens = tokens(graph.clientSecret());
        String first = tokens.accessToken();
        nanos.addAndGet(Duration.ofSeconds(3599 - 301).toNanos());
        assertThat(tokens.accessToken()).isEqualTo(first);
        assertThat(graph.tokensIssued()).isEqualTo(1);

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(tokens.accessToken()).isNotEqualTo(first);
        assertThat(graph.tokensIssued()).isEqualTo(2);

        tokens.invalidate();
        tokens.accessToken();
        assertThat(graph.tokensIssued()).isEqualTo(3);
    }

    @Test
    void refusedCredentialsSayWhatToCheckWithoutTheSecret() {
        assertThatThrownBy(() -> tokens("not-the-secret").accessToken())
                .isInstanceOf(GraphTokens.TokenRefusedException.class)
                .hasMessageContaining("graph.client.secret").hasMessageContaining("AADSTS7000215")
                .hasMessageNotContaining("not-the-secret")
                .satisfies(e -> assertThat(((SourceRefusedException) e).status()).isEqualTo(401));
    }
}
