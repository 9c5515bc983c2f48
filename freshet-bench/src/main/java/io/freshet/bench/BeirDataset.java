package io.freshet.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A BEIR-format data set: corpus.jsonl ({@code _id, title, text}), queries.jsonl ({@code _id, text}) and a qrels
 * TSV ({@code query-id, corpus-id, score}, with a header line). Only queries with at least one relevant judgment
 * are evaluated, as BEIR does.
 */
public record BeirDataset(List<CorpusDocument> corpus, List<Query> queries, Map<String, Map<String, Integer>> qrels) {

    public record CorpusDocument(String id, String title, String text) {

        /** What the benchmark ingests: the title, a blank line, the text (either may be missing). */
        public String content() {
            if (title.isBlank()) {
                return text;
            }
            return text.isBlank() ? title : title + "\n\n" + text;
        }

        public boolean isBlank() {
            return title.isBlank() && text.isBlank();
        }
    }

    public record Query(String id, String text) {

        /** The text as the bench sends it to the services and the model: long queries cut at 2000 characters. */
        public String searchText() {
            return text.length() > 2000 ? text.substring(0, 2000) : text;
        }
    }

    /** The queries in one fixed random order (seed 7), so every phase that samples them samples the same ones. */
    public List<Query> shuffledQueries() {
        List<Query> shuffled = new ArrayList<>(queries);
        Collections.shuffle(shuffled, new Random(7));
        return shuffled;
    }

    public static BeirDataset load(Path corpusFile, Path queriesFile, Path qrelsFile) {
        JsonMapper json = JsonMapper.builder().build();
        List<CorpusDocument> corpus = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        forEachJsonLine(corpusFile, json, node -> {
            String id = node.path("_id").asString("");
            if (id.isBlank()) {
                throw new IllegalArgumentException(corpusFile + ": a corpus line has no _id: " + node);
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException(corpusFile + ": duplicate _id " + id);
            }
            corpus.add(new CorpusDocument(id, node.path("title").asString(""), node.path("text").asString("")));
        });
        Map<String, Map<String, Integer>> qrels = readQrels(qrelsFile);
        List<Query> queries = new ArrayList<>();
        forEachJsonLine(queriesFile, json, node -> {
            String id = node.path("_id").asString("");
            String text = node.path("text").asString("");
            Map<String, Integer> judged = qrels.get(id);
            if (!text.isBlank() && judged != null && judged.values().stream().anyMatch(g -> g > 0)) {
                queries.add(new Query(id, text));
            }
        });
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException(corpusFile + " holds no documents");
        }
        if (queries.isEmpty()) {
            throw new IllegalArgumentException(queriesFile + " holds no query with a relevant judgment in " + qrelsFile);
        }
        return new BeirDataset(List.copyOf(corpus), List.copyOf(queries), qrels);
    }

    /**
     * A smaller data set for quick runs: the first {@code maxQueries} queries, every document judged for them, then
     * other documents in file order up to {@code maxDocuments}. Keeping the judged documents makes the scores
     * meaningful (though higher than on the full corpus, with fewer distractors).
     */
    public BeirDataset subset(int maxDocuments, int maxQueries) {
        List<Query> keptQueries = queries.subList(0, Math.min(maxQueries, queries.size()));
        Map<String, CorpusDocument> byId = new HashMap<>();
        corpus.forEach(d -> byId.put(d.id(), d));
        Map<String, CorpusDocument> kept = new LinkedHashMap<>();
        for (Query query : keptQueries) {
            qrels.getOrDefault(query.id(), Map.of()).forEach((docId, grade) -> {
                if (grade > 0 && byId.containsKey(docId)) {
                    kept.put(docId, byId.get(docId));
                }
            });
        }
        for (CorpusDocument document : corpus) {
            if (kept.size() >= maxDocuments) {
                break;
            }
            kept.putIfAbsent(document.id(), document);
        }
        return new BeirDataset(List.copyOf(kept.values()), List.copyOf(keptQueries), qrels);
    }

    private static Map<String, Map<String, Integer>> readQrels(Path file) {
        Map<String, Map<String, Integer>> qrels = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String[] fields = line.strip().split("\t");
                if (line.isBlank() || (number == 1 && !isInteger(fields[fields.length - 1]))) {
                    continue; // the header line
                }
                if (fields.length < 3) {
                    throw new IllegalArgumentException(file + ":" + number + ": expected query-id, corpus-id, score");
                }
                // TREC qrels have an iteration column between query and document: take the last three fields.
                String queryId = fields[fields.length - 3];
                String docId = fields[fields.length - 2];
                int grade = Integer.parseInt(fields[fields.length - 1]);
                qrels.computeIfAbsent(queryId, q -> new HashMap<>()).put(docId, grade);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read qrels " + file, e);
        }
        return qrels;
    }

    private static boolean isInteger(String text) {
        try {
            Integer.parseInt(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void forEachJsonLine(Path file, JsonMapper json, java.util.function.Consumer<JsonNode> action) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    action.accept(json.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
