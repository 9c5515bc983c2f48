package io.freshet.embedding;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddingAutoConfiguration.class));

    @Test
    void exposesTheModelTheTokenizerAndAHealthIndicator() {
        runner.withPropertyValues("freshet.embedding.intra-op-threads=2").run(context -> {
            assertThat(context).hasNotFailed();
            EmbeddingModel model = context.getBean(EmbeddingModel.class);
            assertThat(model.embedQuery("hello")).hasSize(384);
            assertThat(context.getBean(ModelTokenizer.class).countTokens("hello world")).isEqualTo(2);

            EmbeddingProperties properties = context.getBean(EmbeddingProperties.class);
            assertThat(properties).isEqualTo(new EmbeddingProperties(512, 2, 1, ""));

            Health health = context.getBean(EmbeddingModelHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("model", "bge-small-en-v1.5-int8")
                    .containsEntry("dimensions", 384).containsEntry("intraOpThreads", 2);
        });
    }

    @Test
    void invalidSettingsStopTheContext() {
        runner.withPropertyValues("freshet.embedding.batch-size=0").run(context ->
                assertThat(context).hasFailed());
        runner.withPropertyValues("freshet.embedding.max-sequence-tokens=1024").run(context ->
                assertThat(context).hasFailed());
    }

    @Test
    void anApplicationsOwnModelWins() {
        EmbeddingModel own = new EmbeddingModel() {
            public String id() { return "own"; }
            public int dimensions() { return 2; }
            public int maxSequenceTokens() { return 8; }
            public float[] embedQuery(String query) { return new float[] {1, 0}; }
            public List<float[]> embedPassages(List<String> passages) { return passages.stream().map(p -> new float[] {0, 1}).toList(); }
        };
        runner.withBean(EmbeddingModel.class, () -> own).run(context -> {
            assertThat(context.getBean(EmbeddingModel.class)).isSameAs(own);
            assertThat(context.getBean(EmbeddingModelHealthIndicator.class).health(true).getDetails())
                    .containsEntry("model", "own");
        });
    }
}
