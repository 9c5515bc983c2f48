package io.freshet.e2e;

/** A running Freshet under test: engines, the four services, and clients for both of its doors. */
final class Pipeline implements AutoCloseable {

    private final EngineAddresses engines;
    private final RunningServices services;
    private final FreshetClient client;
    private final ChangeTopic changes;

    private Pipeline(EngineAddresses engines, RunningServices services) {
        this.engines = engines;
        this.services = services;
        this.client = new FreshetClient(services.ingestUrl(), services.queryUrl());
        this.changes = new ChangeTopic(engines.kafkaBootstrapServers());
    }

    static Pipeline start(EngineAddresses engines) {
        return new Pipeline(engines, RunningServices.start(engines));
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

    ChangeTopic changes() {
        return changes;
    }

    @Override
    public void close() {
        changes.close();
        services.close();
    }
}
