package io.freshet.pipeline;

import io.freshet.contract.event.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared settings are there for every service, the size limit flows into the clients, and a service still wins. */
class PipelineDefaultsTest {

    @Test
    void sharedDefaultsApplyAndTheEventSizeLimitReachesBothClients() {
        var environment = new StandardEnvironment();

        new PipelineDefaults().postProcessEnvironment(environment, new SpringApplication());

        String limit = String.valueOf(Topics.MAX_EVENT_BYTES);
        assertThat(environment.getProperty("spring.kafka.producer.properties.max.request.size")).isEqualTo(limit);
        assertThat(environment.getProperty("spring.kafka.consumer.properties.max.partition.fetch.bytes")).isEqualTo(limit);
        assertThat(environment.getProperty("spring.kafka.producer.acks")).isEqualTo("all");
        assertThat(environment.getProperty("spring.kafka.consumer.enable-auto-commit")).isEqualTo("false");
        assertThat(environment.getProperty("resilience4j.circuitbreaker.instances.opensearch.record-exceptions[0]"))
                .isEqualTo("io.freshet.contract.failure.TransientFailureException");
    }

    @Test
    void onlyHealthAndMetricsAreExposedAndHealthDetailsAreHiddenUnlessAServiceShowsThemToOperators() {
        var environment = new StandardEnvironment();

        new PipelineDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health,prometheus");
        assertThat(environment.getProperty("management.endpoint.health.show-details")).isEqualTo("never");
    }

    @Test
    void aServiceOrOperatorSettingOverridesTheDefaultsAndTheLimitFollowsIt() {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service", Map.of(
                "spring.kafka.producer.acks", "1",
                "freshet.kafka.max-message-bytes", "1048576")));

        new PipelineDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.kafka.producer.acks")).isEqualTo("1");
        assertThat(environment.getProperty("spring.kafka.producer.properties.max.request.size")).isEqualTo("1048576");
    }
}
