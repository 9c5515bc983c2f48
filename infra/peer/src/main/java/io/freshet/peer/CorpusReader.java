package io.freshet.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a BEIR corpus.jsonl in batches of LangChain4j documents, as a user's loader would: text = title, a blank line,
 * text (as Freshet's benchmark ingests it); metadata {@code id} and {@code title}, so a hit leads back to its document.
 * Blank documents are skipped (LangChain4j refuses a document without text) and counted.
 */
final class CorpusReader implements AutoCloseable {

    static final String ID = "id";
    static final String TITLE = "title";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedReader reader;
    private int lineNumber;
    private int skippedBlank;

    CorpusReader(Path file) {
        this.file = file;
        try {
            this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The next up to {@code size} documents; empty at the end of the file. */
    List<Document> next(int size) {
        List<Document> batch = new ArrayList<>(size);
        try {
            String line;
            while (batch.size() < size && (line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Document document = document(JSON.readTree(line));
                if (document == null) {
                    skippedBlank++;
                } else {
                    batch.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ":" + lineNumber + ": " + e.getMessage(), e);
        }
        return batch;
    }

    int skippedBlank() {
        return skippedBlank;
    }

    private Document document(JsonNode node) {
        String id = node.path("_id").asText("");
        if (id.isBlank()) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": a corpus line has no _id");
        }
        // Exactly as the benchmark sends a document through Freshet (BeirDataset.CorpusDocument.content()).
        String title = node.path("title").asText("");
        String text = node.path("text").asText("");
        String content = title.isBlank() ? text : text.isBlank() ? title : title + "\n\n" + text;
        if (content.isBlank()) {
            return null;
        }
        Metadata metadata = Metadata.from(ID, id);
        if (!title.isBlank()) {
            metadata.put(TITLE, title);
        }
        return Document.from(content, metadata);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // read-only: nothing lost
        }
    }
}
