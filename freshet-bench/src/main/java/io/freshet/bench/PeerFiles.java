package io.freshet.bench;

import io.freshet.bench.BeirDataset.CorpusDocument;
import io.freshet.bench.BeirDataset.Query;

import java.io.BufferedReader;
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
 * The files the bench and the peer exchange: the very documents the ingestion phase sent through Freshet and the
 * evaluated queries, as BEIR jsonl; and back, the peer's TREC run, scored as the quality phase scores Freshet's.
 */
final class PeerFiles {

    /** Mean scores of a run over the evaluated queries (a query the run lacks scores 0). */
    record Scores(int queries, double ndcg10, double recall100) {
    }

    private PeerFiles() {
    }

    static Path writeCorpus(List<CorpusDocument> corpus, Path file) {
        return writeLines(file, corpus.stream().map(d -> {
            Map<String, String> line = new LinkedHashMap<>();
            line.put("_id", d.id());
            line.put("title", d.title());
            line.put("text", d.text());
            return line;
        }).toList());
    }

    /** The queries as the quality phase sends them to /v1/search (long ones cut to 2000 characters). */
    static Path writeQueries(List<Query> queries, Path file) {
        return writeLines(file, queries.stream().map(q -> Map.of("_id", q.id(), "text", q.searchText())).toList());
    }

    /** Scores a TREC run ({@code qid Q0 docid rank score tag}, ranks in file order) with {@link RetrievalMetrics}. */
    static Scores score(Path run, List<Query> queries, Map<String, Map<String, Integer>> qrels) {
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(run, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.strip().split("\\s+");
                if (fields.length < 3) {
                    throw new IllegalArgumentException(run + ":" + number + ": expected 'qid Q0 docid rank score tag'");
                }
                rankings.computeIfAbsent(fields[0], q -> new ArrayList<>()).add(fields[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the peer's run " + run, e);
        }
        double ndcg = 0;
        double recall = 0;
        for (Query query : queries) {
            List<String> ranking = RetrievalMetrics.documentRanking(rankings.getOrDefault(query.id(), List.of()));
            Map<String, Integer> judged = qrels.getOrDefault(query.id(), Map.of());
            ndcg += RetrievalMetrics.ndcg(ranking, judged, 10);
            recall += RetrievalMetrics.recall(ranking, judged, 100);
        }
        int n = queries.size();
        return new Scores(n, n == 0 ? 0 : ndcg / n, n == 0 ? 0 : recall / n);
    }

    private static Path writeLines(Path file, List<? extends Map<String, String>> lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Map<String, String> line : lines) {
                    out.write(JsonHttp.JSON.writeValueAsString(line));
                    out.write('\n');
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
