package io.freshet.infra;

import static io.freshet.infra.DeadLetterViewTest.bytes;
import static io.freshet.infra.DeadLetterViewTest.deadLetterHeaders;
import static io.freshet.infra.DeadLetterViewTest.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterReplayTest {

    private static final Set<String> TOPICS = Set.of("freshet.documents.changes", "freshet.documents.changes.dlq");

    private static DeadLetterView view(RecordHeaders headers) {
        return DeadLetterView.of(record("freshet.documents.changes.dlq", 5, "hr/leave", bytes("{}"), headers));
    }

    @Test
    void aRecordGoesBackOnlyToTheTopicItsDeadLetterTopicBelongsTo() {
        assertEquals(Optional.empty(), DeadLetterReplay.refusal(view(deadLetterHeaders("freshet.documents.changes", 0, 1,
                "r")), TOPICS));

        assertEquals(Optional.of("it has no kafka_dlt-original-topic header, so where it came from is unknown"),
                DeadLetterReplay.refusal(view(new RecordHeaders()), TOPICS));
        assertEquals(Optional.of("its kafka_dlt-original-topic header says freshet.documents.indexed, but the records of "
                        + "freshet.documents.changes.dlq come from freshet.documents.changes"),
                DeadLetterReplay.refusal(view(deadLetterHeaders("freshet.documents.indexed", 0, 1, "r")), TOPICS));
        assertEquals(Optional.of("its topic freshet.documents.changes does not exist on the broker"),
                DeadLetterReplay.refusal(view(deadLetterHeaders("freshet.documents.changes", 0, 1, "r")),
                        Set.of("freshet.documents.changes.dlq")));
    }

    @Test
    void theReplayedRecordKeepsKeyValueAndOwnHeadersDropsTheDeadLetteringAndSaysWhereItCameFrom() {
        ConsumerRecord<byte[], byte[]> dead = record("freshet.documents.changes.dlq", 5, "hr/leave", bytes("{\"v\":1}"),
                deadLetterHeaders("freshet.documents.changes", 2, 40, "r"));
        dead.headers().add("freshet-replayed-from", bytes("freshet.documents.changes.dlq/0@1"));
        Instant now = Instant.parse("2026-12-03T15:00:00Z");

        ProducerRecord<byte[], byte[]> again = DeadLetterReplay.republished(dead, "freshet.documents.changes", now);

        assertEquals("freshet.documents.changes", again.topic());
        assertNull(again.partition(), "the key chooses the partition");
        assertArrayEquals(dead.key(), again.key());
        assertArrayEquals(dead.value(), again.value());
        List<String> keys = StreamSupport.stream(again.headers().spliterator(), false).map(Header::key).toList();
        assertEquals(List.of("traceparent", "freshet-replayed-from", "freshet-replayed-at"), keys);
        assertEquals("freshet.documents.changes.dlq/0@5",
                new String(again.headers().lastHeader("freshet-replayed-from").value(), StandardCharsets.UTF_8));
        assertEquals("2026-12-03T15:00:00Z",
                new String(again.headers().lastHeader("freshet-replayed-at").value(), StandardCharsets.UTF_8));
    }

    @Test
    void theJournalMarksARecordOnlyIfItIsTheSameRecordNotANamesakeInATopicCreatedAnew() {
        DeadLetterView view = view(deadLetterHeaders("freshet.documents.changes", 0, 1, "r"));
        DeadLetterText.Replay replay = new DeadLetterText.Replay(Instant.EPOCH, "freshet.documents.changes/0@9");

        assertEquals(Optional.of(replay), DeadLetterReplay.replayOf(view, Map.of(view.address(),
                new DeadLetterReplay.Entry(replay, view.timestamp().toEpochMilli()))));
        assertTrue(DeadLetterReplay.replayOf(view, Map.of(view.address(),
                new DeadLetterReplay.Entry(replay, view.timestamp().toEpochMilli() - 1))).isEmpty());
        assertTrue(DeadLetterReplay.replayOf(view, Map.of()).isEmpty());
    }
}
