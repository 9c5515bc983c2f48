package io.freshet.e2e;

/** The scenarios on real Kafka and OpenSearch + k-NN running as local processes (no Docker needed). */
class LocalEnginesPipelineTest extends PipelineScenarios {

    @Override
    protected Pipeline pipeline() {
        return LocalPipeline.shared();
    }
}
