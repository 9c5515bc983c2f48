package io.freshet.peer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PeerArgumentsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreFreshetsChunkingAndHnswSettings() throws Exception {
        Path corpus = Files.writeString(dir.resolve("c.jsonl"), "");
        PeerArguments arguments = PeerArguments.parse(new String[]{"--corpus", corpus.toString(), "--opensearch", "http://127.0.0.1:9200/"});
        assertEquals("http://127.0.0.1:9200", arguments.openSearchUrl());
        assertEquals("peer-chunks", arguments.index());
        assertEquals(256, arguments.chunkTokens());
        assertEquals(32, arguments.overlapTokens());
        assertEquals(16, arguments.hnswM());
        assertEquals(100, arguments.hnswEfConstruction());
        assertEquals(500, arguments.batchDocuments());
        assertNull(arguments.queries());
    }

    @Test
    void rejectsWhatWouldRunSomethingElse() throws Exception {
        String corpus = Files.writeString(dir.resolve("c.jsonl"), "").toString();
        String queries = Files.writeString(dir.resolve("q.jsonl"), "").toString();
        assertEquals("--opensearch is required", message("--corpus", corpus));
        assertEquals("--overlap-tokens must be in [0, --chunk-tokens), got 64",
                message("--corpus", corpus, "--opensearch", "http://h:1", "--chunk-tokens", "64", "--overlap-tokens", "64"));
        assertEquals("--queries and --run go together", message("--corpus", corpus, "--opensearch", "http://h:1", "--queries", queries));
        assertEquals("--batch needs a whole number, got 'many'", message("--corpus", corpus, "--opensearch", "http://h:1", "--batch", "many"));
        assertEquals("unknown option --model", message("--model", "x"));
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> PeerArguments.parse(args)).getMessage();
    }
}
