package io.freshet.query.answer;

import io.freshet.embedding.EmbeddingModel;

import java.util.List;
import java.util.function.Supplier;

/**
 * Closeness in meaning by the model that embeds the served passages: question as a query, sentences as passages. The
 * retrieval's question vector is reused when it has the model's length (it is of the served model but for a model
 * change in between, when it is embedded again).
 */
public final class ModelSentenceSimilarity implements SentenceSimilarity {

    private final Supplier<EmbeddingModel> model;

    public ModelSentenceSimilarity(EmbeddingModel model) {
        this(() -> model);
    }

    /** @param model the model of the passages served now */
    public ModelSentenceSimilarity(Supplier<EmbeddingModel> model) {
        this.model = model;
    }

    @Override
    public double[] of(String question, float[] questionVector, List<String> sentences) {
        EmbeddingModel model = this.model.get();
        float[] asked = questionVector != null && questionVector.length == model.dimensions() ? questionVector
                : model.embedQuery(question);
        List<float[]> vectors = model.embedPassages(sentences);
        double[] cosines = new double[sentences.size()];
        for (int i = 0; i < cosines.length; i++) {
            cosines[i] = dot(asked, vectors.get(i)); // both L2-normalised
        }
        return cosines;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
