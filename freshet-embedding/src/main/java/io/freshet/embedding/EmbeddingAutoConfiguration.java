package io.freshet.embedding;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedding model (bge-small-en-v1.5 int8 from the classpath) and its tokenizer as beans, configured
 * by {@code freshet.embedding.*}. Both are closed when the context shuts down.
 */
@AutoConfiguration
@EnableConfigurationProperties(EmbeddingProperties.class)
public class EmbeddingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EmbeddingModel embeddingModel(EmbeddingProperties properties) {
        return OnnxEmbeddingModel.bgeSmall(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    ModelTokenizer modelTokenizer() {
        return new HuggingFaceModelTokenizer(ModelSpec.BGE_SMALL_EN_V15_INT8);
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
