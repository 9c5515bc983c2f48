package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsCommandTest {

    @TempDir
    Path repo;

    private Path log(String component, String text) throws Exception {
        Path logs = Files.createDirectories(repo.resolve("work/logs"));
        return Files.writeString(logs.resolve(component + ".log"), text, StandardCharsets.UTF_8);
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void theFollowerGivesWholeNewLinesAndStartsOverWhenTheNextRunReplacesTheFile() throws Exception {
        Path file = log("kafka", "old 1\nold 2\n");
        LogFollower follower = new LogFollower(file);
        assertEquals(List.of(), follower.poll(), "follows from the end");

        append(file, "new 1\nnew 2 (half");
        assertEquals(List.of("new 1"), follower.poll());
        append(file, " written) ünïcode\n");
        assertEquals(List.of("new 2 (half written) ünïcode"), follower.poll());

        // The next `up` moves the log to .log.1 and starts a new file.
        Files.move(file, file.resolveSibling("kafka.log.1"));
        assertEquals(List.of(), follower.poll(), "between the move and the new file");
        // Already longer than the old file when first seen: only its identity tells it is another file.
        String longLine = "run 2, line 1 " + "x".repeat(200);
        log("kafka", longLine + "\n");
        assertEquals(List.of(longLine), follower.poll());

        Files.writeString(file, "x\n", StandardCharsets.UTF_8); // truncated in place
        assertEquals(List.of("x"), follower.poll());
    }

    @Test
    void allLogsArePrefixedAndAlignedAndAnUnknownComponentListsTheKnownOnes() throws Exception {
        log("kafka", "k1\nk2\n");
        log("index-service", "i1\n");
        Files.writeString(repo.resolve("work/logs/kafka.log.1"), "previous run\n");

        assertEquals(List.of("index-service", "kafka"), LogsCommand.components(repo.resolve("work/logs")));
        Outcome all = run("--lines", "1");
        assertEquals(0, all.code());
        assertEquals(List.of("[index-service] i1", "[kafka]         k2"), all.out());

        Outcome one = run("kafka");
        assertEquals(List.of("k1", "k2"), one.out());

        Outcome unknown = run("kafak");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no component 'kafak'. Components with a log in " + repo.resolve("work/logs")
                + ": index-service, kafka"), unknown.err());
    }

    @Test
    void withoutLogsItSaysFreshetNeverRanHere() {
        Outcome none = run();
        assertEquals(1, none.code());
        assertTrue(none.err().contains("Freshet never ran from this checkout"), none.err());
    }

    private record Outcome(int code, List<String> out, String err) {
    }

    private Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--repo", repo.toString()));
        int code = LogsCommand.run(all, repo, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }
}
