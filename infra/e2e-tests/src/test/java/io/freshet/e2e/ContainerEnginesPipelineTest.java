package io.freshet.e2e;

import org.junit.jupiter.api.AfterAll;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;

/**
 * The same scenarios with the engines in containers (the images production runs). Skipped where no Docker engine
 * is available; {@link LocalEnginesPipelineTest} covers the same behaviour everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerEnginesPipelineTest extends PipelineScenarios {

    private static final int OPENSEARCH_PORT = 9200;

    private KafkaContainer kafka;
    private GenericContainer<?> openSearch;
    private Pipeline pipeline;

    @Override
    protected synchronized Pipeline pipeline() {
        if (pipeline == null) {
            pipeline = Pipeline.start(startEngines());
        }
        return pipeline;
    }

    @AfterAll
    void stopContainers() {
        if (pipeline != null) {
            pipeline.close();
        }
        stopEngines();
    }

    @SuppressWarnings("resource")
    private EngineAddresses startEngines() {
        kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.2"));
        openSearch = new GenericContainer<>(DockerImageName.parse("opensearchproject/opensearch:2.19.1"))
                .withEnv("discovery.type", "single-node")
                .withEnv("DISABLE_SECURITY_PLUGIN", "true")
                .withEnv("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m")
                .withExposedPorts(OPENSEARCH_PORT)
                .waitingFor(Wait.forHttp("/_cluster/health").forPort(OPENSEARCH_PORT).forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        kafka.start();
        openSearch.start();
        return new EngineAddresses(kafka.getBootstrapServers(),
                "http://" + openSearch.getHost() + ":" + openSearch.getMappedPort(OPENSEARCH_PORT));
    }

    private void stopEngines() {
        if (openSearch != null) {
            openSearch.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }
}
