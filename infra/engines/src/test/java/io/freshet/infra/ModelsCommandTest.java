package io.freshet.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsCommandTest {

    @Test
    void progressSaysDocumentsDoneOfTheTotalTheRateAndTheTimeLeft() {
        ObjectNode progress = new ObjectMapper().createObjectNode().put("documents", 300).put("total", 1000)
                .put("pending", 12).put("replayed", 640).put("replayTotal", 1020);

        String line = ModelsCommand.progressLine(progress, Instant.now().minusSeconds(20), 100);

        assertTrue(line.startsWith("documents 300 / 1000 (30%), "), line);
        assertTrue(line.contains("documents/s, time left 1m"), line);
        assertTrue(line.endsWith("on their way 12, replayed 640 / 1020"), line);
        double rate = Double.parseDouble(line.replaceAll(".*\\), ([0-9.]+) documents/s.*", "$1"));
        assertTrue(rate >= 9.0 && rate <= 10.1, line);
    }

    @Test
    void reindexTakesAModelOrRollbackNotBothNorNeitherAndSaysWhenNothingRuns() {
        assertEquals(ModelsCommand.USAGE, run("reindex"));
        assertEquals(ModelsCommand.USAGE, run("reindex", "--model", "x", "--rollback"));
        assertEquals(ModelsCommand.USAGE, run("reindex", "--model", "x", "--poll-seconds", "soon"));
        assertEquals(ModelsCommand.FAILED, run("models", "--index-url", "http://127.0.0.1:1"));
        assertEquals(ModelsCommand.OK, run("--help"));
    }

    private static int run(String... args) {
        var sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return ModelsCommand.run(List.of(args), sink, sink);
    }
}
