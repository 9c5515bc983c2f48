package io.freshet.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peer's retrieval, for its quality: each query embedded with the same model (no instruction prefix, as Freshet
 * by default) and searched through the store as a user would ({@code store.search}), the segments reduced to their
 * documents at their best rank, written as a TREC run for the bench to score against the qrels.
 */
final class PeerSearch {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddingModel model;
    private final EmbeddingStore<TextSegment> store;
    private final int depth;

    PeerSearch(EmbeddingModel model, EmbeddingStore<TextSegment> store, int depth) {
        this.model = model;
        this.store = store;
        this.depth = depth;
    }

    /** Searches every query of {@code queries}, writes the run to {@code run}; returns how many queries it searched. */
    int run(Path queries, Path run) {
        int searched = 0;
        try (BufferedReader reader = Files.newBufferedReader(queries, StandardCharsets.UTF_8);
             Writer out = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode query = JSON.readTree(line);
                String id = query.path("_id").asText("");
                String text = query.path("text").asText("");
                if (id.isBlank() || text.isBlank()) {
                    throw new IllegalArgumentException(queries + ": a query line needs _id and text: " + line);
                }
                Map<String, Double> scores = documentRanking(search(text));
                int rank = 0;
                for (Map.Entry<String, Double> hit : scores.entrySet()) {
                    out.write(id + " Q0 " + hit.getKey() + " " + (++rank) + " " + hit.getValue() + " peer\n");
                }
                searched++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + queries + " into " + run, e);
        }
        return searched;
    }

    private List<EmbeddingMatch<TextSegment>> search(String text) {
        Embedding query = model.embed(text).content();
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(depth).build()).matches();
    }

    /** Document ids in rank order, each once with its best segment's score. */
    static Map<String, Double> documentRanking(List<EmbeddingMatch<TextSegment>> matches) {
        Map<String, Double> ranking = new LinkedHashMap<>();
        for (EmbeddingMatch<TextSegment> match : matches) {
            String documentId = match.embedded() == null ? null : match.embedded().metadata().getString(CorpusReader.ID);
            if (documentId == null) {
                throw new IllegalStateException("a hit has no document id in its metadata: " + match.embeddingId());
            }
            ranking.putIfAbsent(documentId, match.score());
        }
        return ranking;
    }
}
