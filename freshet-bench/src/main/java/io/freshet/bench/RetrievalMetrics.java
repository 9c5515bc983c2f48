package io.freshet.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * BEIR's retrieval metrics (as pytrec_eval computes them) for one query: the ranked documents against the graded
 * judgments of the qrels. Gains are the judgment grades themselves (not 2^grade - 1), discounts log2(rank + 1);
 * a judgment of 0 or less is not relevant.
 */
public final class RetrievalMetrics {

    private RetrievalMetrics() {
    }

    /**
     * Document ids in rank order, each once at its best rank: search returns passages, several of which may come
     * from one document, and the judgments are per document.
     */
    public static List<String> documentRanking(List<String> passageDocumentIds) {
        return new ArrayList<>(new LinkedHashSet<>(passageDocumentIds));
    }

    /** Normalised discounted cumulative gain of the first {@code k} documents. */
    public static double ndcg(List<String> ranking, Map<String, Integer> judgments, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            int grade = judgments.getOrDefault(ranking.get(i), 0);
            if (grade > 0) {
                dcg += grade / log2(i + 2);
            }
        }
        List<Integer> ideal = judgments.values().stream().filter(g -> g > 0).sorted(Comparator.reverseOrder()).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** Share of the relevant documents found in the first {@code k}. */
    public static double recall(List<String> ranking, Map<String, Integer> judgments, int k) {
        long relevant = judgments.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) {
            return 0;
        }
        long found = ranking.stream().limit(k).filter(id -> judgments.getOrDefault(id, 0) > 0).count();
        return (double) found / relevant;
    }

    /** 1 / rank of the first relevant document within the first {@code k}, else 0. */
    public static double reciprocalRank(List<String> ranking, Map<String, Integer> judgments, int k) {
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (judgments.getOrDefault(ranking.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Cosine similarity of two vectors of one length; 0 when either is all zeros. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
