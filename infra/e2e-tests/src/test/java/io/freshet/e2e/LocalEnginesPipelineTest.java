package io.freshet.e2e;

import io.freshet.infra.EngineFixture;

/** The scenarios on real Kafka and OpenSearch + k-NN running as local processes (no Docker needed). */
class LocalEnginesPipelineTest extends PipelineScenarios {

    @Override
    protected EngineAddresses startEngines() {
        EngineFixture engines = EngineFixture.shared();
        return new EngineAddresses(engines.kafkaBootstrapServers(), engines.openSearchUrl());
    }

    @Override
    protected void stopEngines() {
        // the shared fixture stops its engines when the JVM exits
    }
}
