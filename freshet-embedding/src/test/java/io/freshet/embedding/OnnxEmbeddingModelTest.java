package io.freshet.embedding;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OnnxEmbeddingModelTest {

    private static OnnxEmbeddingModel model;

    @BeforeAll
    static void load() {
        model = OnnxEmbeddingModel.bgeSmall(EmbeddingProperties.defaults());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void describesItself() {
        assertThat(model.id()).isEqualTo("bge-small-en-v1.5-int8");
        assertThat(model.dimensions()).isEqualTo(384);
        assertThat(model.maxSequenceTokens()).isEqualTo(512);
    }

    @Test
    void vectorsHaveTheModelsDimensionsAndUnitLength() {
        List<float[]> vectors = model.embedPassages(List.of("Kafka keeps events in order per partition.", "", "x"));
        vectors.add(model.embedQuery("how are events ordered?"));
        for (float[] vector : vectors) {
            assertThat(vector).hasSize(384);
            assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
        }
        assertThat(cosine(vectors.get(0), vectors.get(2))).isLessThan(0.99);
    }

    @Test
    void sameTextGivesTheSameVector() {
        String text = "OpenSearch stores each chunk with its vector.";
        float[] first = model.embedPassage(text);
        assertThat(model.embedPassage(text)).containsExactly(first);
        try (OnnxEmbeddingModel another = OnnxEmbeddingModel.bgeSmall(EmbeddingProperties.defaults())) {
            assertThat(another.embedPassage(text)).containsExactly(first);
        }
    }

    @Test
    void passagesComeBackInTheOrderGiven() {
        List<String> texts = List.of("alpha particles", "the stock market fell", "a recipe for bread");
        List<float[]> together = model.embedPassages(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(together.get(i)).containsExactly(model.embedPassage(texts.get(i)));
        }
    }

    @Test
    void aParaphraseIsCloserThanAnUnrelatedSentence() {
        float[] question = model.embedQuery("How do I reset my password?");
        float[] paraphrase = model.embedPassage("Steps to change a forgotten account password");
        float[] unrelated = model.embedPassage("The cat sat on the mat in the afternoon sun");
        double close = cosine(question, paraphrase);
        double far = cosine(question, unrelated);
        // Measured 0.86 and 0.30: a large margin, so a broken pooling or tokenizer cannot pass.
        assertThat(close).isGreaterThan(0.75);
        assertThat(far).isLessThan(0.5);
        assertThat(close - far).isGreaterThan(0.3);

        float[] revenue = model.embedPassage("Quarterly revenue grew by ten percent.");
        float[] sales = model.embedPassage("Sales increased 10% this quarter.");
        float[] biology = model.embedPassage("The mitochondria is the powerhouse of the cell.");
        assertThat(cosine(revenue, sales) - cosine(revenue, biology)).isGreaterThan(0.2);
    }

    @Test
    void aTextLongerThanTheModelLimitIsTruncatedNotRejected() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 6_000; i++) {
            text.append("Sentence number ").append(i).append(" talks about rivers and floods. ");
        }
        String longText = text.toString();
        try (var tokenizer = new HuggingFaceModelTokenizer(ModelSpec.BGE_SMALL_EN_V15_INT8)) {
            assertThat(tokenizer.countTokens(longText)).isGreaterThan(1_000);
        }
        float[] vector = model.embedPassage(longText);
        assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
        // Only the first 510 tokens are seen, so what follows them cannot change the vector.
        float[] withDifferentTail = model.embedPassage(longText + " Completely different words about databases at the end.");
        assertThat(withDifferentTail).containsExactly(vector);
    }

    @Test
    void aShorterLimitCutsEarlier() {
        var shortLimit = new EmbeddingProperties(16, 1, 1, "");
        try (OnnxEmbeddingModel truncating = OnnxEmbeddingModel.bgeSmall(shortLimit)) {
            String head = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
            assertThat(truncating.embedPassage(head + " rivers floods dams"))
                    .containsExactly(truncating.embedPassage(head + " stocks bonds markets"));
            assertThat(model.embedPassage(head + " rivers floods dams"))
                    .isNotEqualTo(model.embedPassage(head + " stocks bonds markets"));
        }
    }

    @Test
    void theQueryInstructionIsPrependedToQuestionsOnly() {
        String instruction = "Represent this sentence for searching relevant passages: ";
        try (OnnxEmbeddingModel instructed = OnnxEmbeddingModel.bgeSmall(new EmbeddingProperties(512, 1, 1, instruction))) {
            assertThat(instructed.embedQuery("flood warnings"))
                    .containsExactly(model.embedPassage(instruction + "flood warnings"));
            assertThat(instructed.embedPassage("flood warnings")).containsExactly(model.embedPassage("flood warnings"));
        }
    }

    @Test
    void batchesKeepOrderAndStayCloseToSingleTextVectors() {
        List<String> texts = List.of("short", "a somewhat longer passage about rivers and their floods",
                "ten percent growth", "password reset steps", "a fifth text");
        try (OnnxEmbeddingModel batching = OnnxEmbeddingModel.bgeSmall(new EmbeddingProperties(512, 1, 4, ""))) {
            List<float[]> batched = batching.embedPassages(texts);
            assertThat(batched).hasSize(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                // int8 activations are quantised per batch, so batch mates shift a vector slightly, not more.
                assertThat(cosine(batched.get(i), model.embedPassage(texts.get(i)))).isGreaterThan(0.97);
            }
        }
    }

    @Test
    void concurrentCallersGetTheSameVectorsAsASingleCaller() throws Exception {
        List<String> texts = List.of("rivers rise after rain", "markets fall on bad news", "cells divide", "passwords expire");
        List<float[]> expected = texts.stream().map(model::embedPassage).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (String text : texts) {
                    futures.add(pool.submit(() -> model.embedPassage(text)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).containsExactly(expected.get(i % texts.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedModelRefusesWork() {
        OnnxEmbeddingModel closed = OnnxEmbeddingModel.bgeSmall(EmbeddingProperties.defaults());
        closed.close();
        closed.close();
        assertThatThrownBy(() -> closed.embedPassage("anything")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aLimitAboveTheModelsIsCappedAtTheModels() {
        var spec = new ModelSpec("small", ModelSpec.BGE_SMALL_EN_V15_INT8.onnxResource(),
                ModelSpec.BGE_SMALL_EN_V15_INT8.tokenizerResource(), 384, 128);
        try (var capped = new OnnxEmbeddingModel(spec, new EmbeddingProperties(256, 1, 1, ""))) {
            assertThat(capped.maxSequenceTokens()).isEqualTo(128);
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }

    static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }
}
