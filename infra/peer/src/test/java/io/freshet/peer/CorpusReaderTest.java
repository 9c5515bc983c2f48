package io.freshet.peer;

import dev.langchain4j.data.document.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsDocumentsAsTheBenchIngestsThemInBatchesAndSkipsBlankOnes() throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        Files.writeString(corpus, """
                {"_id": "a", "title": "Title A", "text": "Text of A."}
                {"_id": "b", "title": "", "text": "Only text."}

                {"_id": "c", "title": " ", "text": ""}
                {"_id": "d", "title": "Only a title", "text": ""}
                """);
        try (CorpusReader reader = new CorpusReader(corpus)) {
            List<Document> first = reader.next(2);
            List<Document> rest = reader.next(10);
            assertEquals(List.of("Title A\n\nText of A.", "Only text."), first.stream().map(Document::text).toList());
            assertEquals("a", first.get(0).metadata().getString(CorpusReader.ID));
            assertEquals("Title A", first.get(0).metadata().getString(CorpusReader.TITLE));
            assertNull(first.get(1).metadata().getString(CorpusReader.TITLE));
            assertEquals(List.of("Only a title"), rest.stream().map(Document::text).toList());
            assertEquals(1, reader.skippedBlank());
            assertTrue(reader.next(10).isEmpty());
        }
    }

    @Test
    void aLineWithoutIdIsAnErrorNamingTheLine() throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        Files.writeString(corpus, "{\"_id\": \"a\", \"text\": \"x\"}\n{\"title\": \"t\", \"text\": \"y\"}\n");
        try (CorpusReader reader = new CorpusReader(corpus)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.next(10));
            assertTrue(e.getMessage().endsWith("corpus.jsonl:2: a corpus line has no _id"), e.getMessage());
        }
    }
}
