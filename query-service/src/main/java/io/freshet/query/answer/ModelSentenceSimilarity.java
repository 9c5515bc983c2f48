package io.freshet.query.answer;

import io.freshet.embedding.EmbeddingModel;

import java.util.List;

/** Closeness in meaning by the same model that embeds passages: question as a query, sentences as passages. */
public final class ModelSentenceSimilarity implements SentenceSimilarity {

    private final EmbeddingModel model;

    public ModelSentenceSimilarity(EmbeddingModel model) {
        this.model = model;
    }

    @Override
    public double[] of(String question, float[] questionVector, List<String> sentences) {
        float[] asked = questionVector != null ? questionVector : model.embedQuery(question);
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
