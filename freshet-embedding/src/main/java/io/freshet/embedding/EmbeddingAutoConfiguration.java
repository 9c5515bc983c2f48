package io.freshet.embedding;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedding model ({@code freshet.embedding.model}, from the classpath) and its tokenizer as beans, configured
 * by {@code freshet.embedding.*}. Both are closed when the context shuts down.
 */
@AutoConfiguration
@EnableConfigurationProperties(EmbeddingProperties.class)
public class EmbeddingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EmbeddingModel embeddingModel(EmbeddingProperties properties) {
        return OnnxEmbeddingModel.of(properties.model(), properties);
    }

    @Bean
    @ConditionalOnMissingBean
    ModelTokenizer modelTokenizer(EmbeddingProperties properties) {
        return new HuggingFaceModelTokenizer(ModelSpec.of(properties.model()));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class EmbeddingHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "embeddingModelHealthIndicator")
        EmbeddingModelHealthIndicator embeddingModelHealthIndicator(EmbeddingModel model) {
            return new EmbeddingModelHealthIndicator(model);
        }
    }
}
