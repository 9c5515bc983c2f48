package io.freshet.bench;

import io.freshet.bench.BeirDataset.Query;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retrieval quality: every judged query through /v1/search in each mode, scored against the qrels (nDCG@10,
 * recall@100, MRR@10). Also writes the per-query scores, TREC runs and chunk hits for offline comparison. Fails the
 * run on failed searches or a hybrid nDCG@10 below the sanity floor.
 */
final class QualityPhase {

    private static final String[] MODES = {"lexical", "vector", "hybrid"};
    private static final int DEPTH = 100;

    private final BenchContext context;

    QualityPhase(BenchContext context) {
        this.context = context;
    }

    QualityResult run() {
        List<Query> queries = context.data().queries();
        Path out = context.options().out();
        context.say("Searching " + queries.size() + " queries (topK " + DEPTH + ") in each of lexical, vector, hybrid ...");
        Map<String, QualityResult.Scores> scores = new LinkedHashMap<>();
        Map<String, LatencySummary> latencyAtCorpus = new LinkedHashMap<>();
        try (Writer perQuery = Files.newBufferedWriter(out.resolve("quality-per-query.tsv"), StandardCharsets.UTF_8)) {
            perQuery.write("mode\tquery_id\tndcg@10\trecall@100\tmrr@10\n");
            for (String mode : MODES) {
                List<Double> millis = new ArrayList<>();
                scores.put(mode, scoreMode(mode, queries, perQuery, millis));
                latencyAtCorpus.put(mode, new LatencySample(millis).summary());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        QualityResult result = new QualityResult(scores.get("lexical"), scores.get("vector"), scores.get("hybrid"),
                queries.size(), context.data().corpus().size(), latencyAtCorpus);
        Double hybrid = result.hybrid().ndcg10();
        if (hybrid != null && hybrid < context.options().minHybridNdcg()) {
            context.fail(String.format("hybrid nDCG@10 %.4f is below the sanity floor %.2f", hybrid, context.options().minHybridNdcg()));
        }
        return result;
    }

    /** One mode over all queries: its mean scores; each search's time goes to {@code millis}. */
    private QualityResult.Scores scoreMode(String mode, List<Query> queries, Writer perQuery, List<Double> millis)
            throws IOException {
        Path out = context.options().out();
        double ndcg = 0;
        double recall = 0;
        double mrr = 0;
        int errors = 0;
        try (Writer run = Files.newBufferedWriter(out.resolve("run-" + mode + ".trec"), StandardCharsets.UTF_8);
             Writer chunkHits = Files.newBufferedWriter(out.resolve("hits-" + mode + ".tsv"), StandardCharsets.UTF_8)) {
            chunkHits.write("query_id\trank\tchunk_id\tdocument_id\tscore\n");
            for (Query query : queries) {
                long start = System.nanoTime();
                JsonHttp.Reply reply = context.services().searchOrNull(Map.of(
                        "query", query.searchText(), "topK", DEPTH, "mode", mode));
                millis.add((System.nanoTime() - start) / 1e6);
                List<String> passages = new ArrayList<>();
                if (reply != null && reply.ok() && reply.json() != null) {
                    for (JsonNode hit : reply.json().path("hits")) {
                        passages.add(hit.path("documentId").asString());
                        chunkHits.write(query.id() + "\t" + passages.size() + "\t" + hit.path("chunkId").asString() + "\t"
                                + hit.path("documentId").asString() + "\t" + hit.path("score").asDouble() + "\n");
                    }
                } else {
                    errors++;
                }
                List<String> ranking = RetrievalMetrics.documentRanking(passages);
                Map<String, Integer> judged = context.data().qrels().getOrDefault(query.id(), Map.of());
                double n = RetrievalMetrics.ndcg(ranking, judged, 10);
                double r = RetrievalMetrics.recall(ranking, judged, 100);
                double m = RetrievalMetrics.reciprocalRank(ranking, judged, 10);
                ndcg += n;
                recall += r;
                mrr += m;
                perQuery.write(mode + "\t" + query.id() + "\t" + String.format("%.4f\t%.4f\t%.4f", n, r, m) + "\n");
                for (int i = 0; i < ranking.size(); i++) {
                    run.write(query.id() + " Q0 " + ranking.get(i) + " " + (i + 1) + " " + (ranking.size() - i)
                            + " freshet-" + mode + "\n");
                }
            }
        }
        int n = queries.size();
        context.say(String.format("  %-8s nDCG@10 %.4f  recall@100 %.4f  MRR@10 %.4f%s", mode, ndcg / n, recall / n,
                mrr / n, errors > 0 ? "  (" + errors + " failed requests)" : ""));
        if (errors > 0) {
            context.fail(errors + " of " + n + " " + mode + " searches failed");
        }
        return new QualityResult.Scores(Report.round(ndcg / n, 4), Report.round(recall / n, 4), Report.round(mrr / n, 4));
    }
}
