package io.freshet.pipeline;

import io.freshet.contract.event.Topics;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Adds the settings every service shares (io/freshet/pipeline/pipeline-defaults.yml: Kafka client settings, the
 * OpenSearch circuit breaker, the actuator exposure) behind everything else, so each is stated once and any
 * service, command line or environment can still override it. The event size limit comes from the contract.
 */
public class PipelineDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "freshetPipelineDefaults";
    private static final String RESOURCE = "io/freshet/pipeline/pipeline-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(SOURCE_NAME, new ClassPathResource(RESOURCE))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME + "Limits",
                Map.of("freshet.kafka.max-message-bytes", Topics.MAX_EVENT_BYTES)));
    }
}
