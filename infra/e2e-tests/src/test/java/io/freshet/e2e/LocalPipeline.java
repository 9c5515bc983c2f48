package io.freshet.e2e;

import io.freshet.infra.EngineFixture;

/**
 * One pipeline on local engine processes for all test classes of this JVM: starting four services costs most of
 * a minute on two cores, so the classes share them (each test uses its own document ids). Fault tests stop and
 * restart parts of it and leave it healthy.
 */
final class LocalPipeline {

    private static Pipeline shared;

    private LocalPipeline() {
    }

    static synchronized Pipeline shared() {
        if (shared == null) {
            EngineFixture engines = EngineFixture.shared();
            shared = Pipeline.start(new EngineAddresses(engines.kafkaBootstrapServers(), engines.openSearchUrl()));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "e2e-pipeline-stop"));
        }
        return shared;
    }
}
