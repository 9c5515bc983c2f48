package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DeadLetterRequestTest {

    private static final Path CWD = Path.of("/checkout");
    private static final Set<String> DLQS = Set.of("freshet.documents.changes.dlq", "freshet.documents.embedded.dlq");
    private static final Set<String> ALL = Set.of("freshet.documents.changes", "freshet.documents.changes.dlq",
            "freshet.documents.embedded", "freshet.documents.embedded.dlq", "freshet.documents.status");

    private static DeadLetterRequest parse(String... args) {
        return DeadLetterRequest.parse(List.of(args), CWD);
    }

    private static String refusal(String... args) {
        return assertThrows(CommandArguments.UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void listShowAndReplayTakeWhatTheySay() {
        DeadLetterRequest list = parse("list", "--limit", "3", "--repo", "/r");
        assertEquals("list", list.action());
        assertNull(list.topic());
        assertEquals(3, list.limit());
        assertEquals(Path.of("/r"), list.repo());
        assertEquals("127.0.0.1:9092", list.bootstrapServers());

        DeadLetterRequest show = parse("show", "changes", "17", "--full", "--bootstrap-server", "kafka:9094");
        assertEquals(17L, show.offset());
        assertEquals("changes", show.topic());
        assertTrue(show.full());
        assertEquals("kafka:9094", show.bootstrapServers());
        assertEquals(DeadLetterRequest.LATEST, parse("show", "changes", "latest").offset());

        DeadLetterRequest one = parse("replay", "changes", "--offset", "4", "--partition", "0", "--dry-run");
        assertEquals(4L, one.offset());
        assertEquals(0, one.partition());
        assertTrue(one.dryRun());
        assertFalse(one.all());
        DeadLetterRequest all = parse("replay", "changes", "--all");
        assertTrue(all.all());
        assertNull(all.offset());
    }

    @Test
    void absurdOffsetsAndLimitsAreRefusedBeforeAnythingIsAsked() {
        assertEquals("OFFSET -3: must be between 0 and 9223372036854775807", refusal("show", "changes", "-3"));
        assertEquals("OFFSET 1e9: not a whole number", refusal("show", "changes", "1e9"));
        assertEquals("--offset 99999999999999999999: not a whole number",
                refusal("replay", "changes", "--offset", "99999999999999999999"));
        assertEquals("--limit 0: must be between 1 and 10000", refusal("list", "--limit", "0"));
        assertEquals("--partition -1: must be between 0 and 2147483647",
                refusal("show", "changes", "0", "--partition", "-1"));
    }

    @Test
    void replayWantsExactlyOneOfOffsetAndAllAndNothingThatBelongsElsewhere() {
        assertTrue(refusal("replay", "changes").contains("exactly one of --offset N"));
        assertTrue(refusal("replay", "changes", "--all", "--offset", "1").contains("exactly one of --offset N"));
        assertEquals("--all replays every partition; --partition goes with --offset",
                refusal("replay", "changes", "--all", "--partition", "0"));
        assertEquals("--full does not go with dlq replay", refusal("replay", "changes", "--all", "--full"));
        assertEquals("--all does not go with dlq show", refusal("show", "changes", "1", "--all"));
        assertEquals("Unknown option: --offest", refusal("replay", "changes", "--offest", "1"));
        assertEquals("--offset needs a value", refusal("replay", "changes", "--offset"));
        assertEquals("Unknown dlq action: purge (list, show or replay)", refusal("purge", "changes"));
        assertTrue(refusal("show", "changes").startsWith("show takes a topic and an offset"));
    }

    @Test
    void aTopicIsItsFullNameOrItsStageButNeverANonDeadLetterTopic() {
        assertEquals("freshet.documents.changes.dlq",
                DeadLetterRequest.resolve("freshet.documents.changes.dlq", DLQS, ALL));
        assertEquals("freshet.documents.embedded.dlq", DeadLetterRequest.resolve("embedded", DLQS, ALL));

        String notDlq = assertThrows(CommandArguments.UsageException.class,
                () -> DeadLetterRequest.resolve("freshet.documents.changes", DLQS, ALL)).getMessage();
        assertEquals("freshet.documents.changes is not a dead-letter topic (their names end in .dlq); its dead letters "
                + "are in freshet.documents.changes.dlq", notDlq);
        assertEquals("freshet.documents.status is not a dead-letter topic (their names end in .dlq)",
                assertThrows(CommandArguments.UsageException.class,
                        () -> DeadLetterRequest.resolve("freshet.documents.status", DLQS, ALL)).getMessage());

        assertEquals("no dead-letter topic other.dlq on the broker; the dead-letter topics are "
                        + "freshet.documents.changes.dlq, freshet.documents.embedded.dlq",
                assertThrows(DeadLetters.NotFound.class, () -> DeadLetterRequest.resolve("other.dlq", DLQS, ALL))
                        .getMessage());
        assertTrue(assertThrows(DeadLetters.NotFound.class, () -> DeadLetterRequest.resolve("extracted", DLQS, ALL))
                .getMessage().startsWith("no dead-letter topic extracted and no stage 'extracted' with one on the broker"));
        assertEquals("no dead-letter topic x and no stage 'x' with one on the broker; there are no dead-letter topics yet",
                assertThrows(DeadLetters.NotFound.class, () -> DeadLetterRequest.resolve("x", Set.of(), Set.of()))
                        .getMessage());
    }
}
