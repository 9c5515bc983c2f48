package io.freshet.e2e;

import io.freshet.infra.LocalTokenIssuer;

import java.nio.file.Path;

/**
 * A running Freshet under test: engines, the four services, the token issuer they trust (as production trusts its
 * identity provider), and clients for both of its doors, which send that issuer's tokens.
 */
final class Pipeline implements AutoCloseable {

    private final EngineAddresses engines;
    private final LocalTokenIssuer tokens;
    private final RunningServices services;
    private final FreshetClient client;
    private final ChangeTopic changes;

    private Pipeline(EngineAddresses engines, LocalTokenIssuer tokens, RunningServices services) {
        this.engines = engines;
        this.tokens = tokens;
        this.services = services;
        this.client = new FreshetClient(services.ingestUrl(), services.queryUrl(), tokens);
        this.changes = new ChangeTopic(engines.kafkaBootstrapServers());
    }

    static Pipeline start(EngineAddresses engines) {
        // A free port: never the 8089 of a running `./freshet up`; keys of its own under target/.
        LocalTokenIssuer tokens = LocalTokenIssuer.start(RunningServices.repo().resolve(Path.of("infra", "e2e-tests",
                "target", "token-issuer")), 0);
        try {
            return new Pipeline(engines, tokens, RunningServices.start(engines, tokens));
        } catch (RuntimeException e) {
            tokens.close();
            throw e;
        }
    }

    EngineAddresses engines() {
        return engines;
    }

    RunningServices services() {
        return services;
    }

    FreshetClient client() {
        return client;
    }

    LocalTokenIssuer tokens() {
        return tokens;
    }

    ChangeTopic changes() {
        return changes;
    }

    @Override
    public void close() {
        changes.close();
        services.close();
        tokens.close();
    }
}
