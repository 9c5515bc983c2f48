package io.freshet.embedding;

import io.freshet.contract.index.ModelCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every catalogued model ships, loads and embeds in its own space; an unknown one is refused by name. */
class ModelCatalogTest {

    @Test
    void everyCataloguedModelLoadsWithItsDimensionsAndPutsRelatedTextsCloser() {
        for (ModelCatalog.Model entry : ModelCatalog.all()) {
            try (OnnxEmbeddingModel model = OnnxEmbeddingModel.of(entry.id(), EmbeddingProperties.defaults())) {
                assertThat(model.id()).isEqualTo(entry.id());
                assertThat(model.dimensions()).isEqualTo(entry.dimensions());
                float[] question = model.embedQuery("How many days of paid holiday do employees get?");
                float[] related = model.embedPassage("Staff are entitled to 25 days of annual leave per year.");
                float[] unrelated = model.embedPassage("The cafeteria serves vegetarian dishes every day.");
                assertThat(question).hasSize(entry.dimensions());
                assertThat(OnnxEmbeddingModelTest.norm(related)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
                assertThat(OnnxEmbeddingModelTest.cosine(question, related)).as(entry.id())
                        .isGreaterThan(OnnxEmbeddingModelTest.cosine(question, unrelated) + 0.1);
            }
        }
    }

    @Test
    void theSecondModelIsAnotherSpaceWithItsOwnLimitAndPooling() {
        try (OnnxEmbeddingModel bge = OnnxEmbeddingModel.of(ModelCatalog.DEFAULT_ID, EmbeddingProperties.defaults());
             OnnxEmbeddingModel miniLm = OnnxEmbeddingModel.of("all-minilm-l6-v2-int8", EmbeddingProperties.defaults())) {
            assertThat(miniLm.maxSequenceTokens()).as("capped at what it was trained on").isEqualTo(256);
            assertThat(ModelSpec.of("all-minilm-l6-v2-int8").pooling()).isEqualTo(ModelSpec.Pooling.MEAN);
            String text = "Parents receive 16 weeks of paid parental leave.";
            // Same length, different spaces: comparing a vector of one with the other's means nothing.
            assertThat(OnnxEmbeddingModelTest.cosine(bge.embedPassage(text), miniLm.embedPassage(text))).isLessThan(0.5);
        }
    }

    @Test
    void anUnknownModelIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> ModelSpec.of("gpt-embeddings-9000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown embedding model 'gpt-embeddings-9000'")
                .hasMessageContaining(ModelCatalog.DEFAULT_ID).hasMessageContaining("all-minilm-l6-v2-int8");
        assertThat(ModelCatalog.indexOf("freshet-chunks", "all-minilm-l6-v2-int8"))
                .isEqualTo("freshet-chunks.all-minilm-l6-v2-int8");
    }
}
