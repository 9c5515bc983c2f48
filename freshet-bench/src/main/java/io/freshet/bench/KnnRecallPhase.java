package io.freshet.bench;

import io.freshet.bench.BeirDataset.Query;
import io.freshet.bench.IndexReader.Neighbour;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * k-NN recall: how many of the 10 exact nearest chunks the approximate (HNSW) search finds, with k = 10 and with
 * query-service's candidate count. Run on the corpus-sized index and again on the filled one.
 */
final class KnnRecallPhase {

    private final BenchContext context;

    KnnRecallPhase(BenchContext context) {
        this.context = context;
    }

    KnnRecallResult run() {
        List<Query> sample = context.data().shuffledQueries()
                .subList(0, Math.min(context.options().recallQueries(), context.data().queries().size()));
        int knnK = context.querySettings().getInt("freshet.query.knn-k", 100);
        int[] ks = knnK > 10 ? new int[] {10, knnK} : new int[] {10};
        IndexReader index = context.index();
        index.refresh();
        long chunks = index.chunkCount();
        context.say("k-NN recall@10 against exact search, " + sample.size() + " queries, " + chunks + " chunks, k = "
                + Arrays.toString(ks) + " ...");
        double[] recallSums = new double[ks.length];
        List<Double> exactMillis = new ArrayList<>();
        List<List<Double>> approximateMillis = new ArrayList<>();
        for (int k : ks) {
            approximateMillis.add(new ArrayList<>());
        }
        int counted = 0;
        for (Query query : sample) {
            float[] vector = context.model().get().embedQuery(query.searchText());
            long start = System.nanoTime();
            List<Neighbour> exact = index.exact(vector, 10);
            exactMillis.add((System.nanoTime() - start) / 1e6);
            if (exact.isEmpty()) {
                continue;
            }
            // By similarity, not by id: the fill repeats vectors, so equally near chunks are interchangeable.
            double threshold = exact.stream().mapToDouble(n -> RetrievalMetrics.cosine(vector, n.vector())).min().orElse(1) - 1e-6;
            for (int i = 0; i < ks.length; i++) {
                start = System.nanoTime();
                List<Neighbour> approximate = index.approximate(vector, ks[i], 10);
                approximateMillis.get(i).add((System.nanoTime() - start) / 1e6);
                long found = approximate.stream().filter(n -> RetrievalMetrics.cosine(vector, n.vector()) >= threshold).count();
                recallSums[i] += (double) Math.min(found, exact.size()) / exact.size();
            }
            counted++;
        }
        List<KnnRecallResult.AtK> byK = new ArrayList<>();
        for (int i = 0; i < ks.length; i++) {
            byK.add(new KnnRecallResult.AtK(ks[i], Report.round(recallSums[i] / Math.max(1, counted), 4),
                    new LatencySample(approximateMillis.get(i)).summary()));
        }
        LatencySample exact = new LatencySample(exactMillis);
        context.say("  " + byK.stream().map(r -> "k=" + r.k() + ": " + r.recall()).toList()
                + String.format(", exact search p50 %.1f ms", exact.percentile(50)));
        return new KnnRecallResult(counted, chunks, byK, exact.summary());
    }
}
