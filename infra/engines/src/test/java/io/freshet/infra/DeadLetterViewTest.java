package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** A dead letter as the services write it (DeadLetterPublishingRecoverer + Freshet's headers), read for an operator. */
class DeadLetterViewTest {

    static final Instant AT = Instant.parse("2026-12-03T14:02:11.250Z");
    private final DeadLetterText text = new DeadLetterText(ZoneId.of("UTC"));

    /** The headers spring-kafka and freshet-pipeline put on a dead letter; numbers binary, as spring-kafka writes them. */
    static RecordHeaders deadLetterHeaders(String originalTopic, int partition, long offset, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", bytes("00-abc-def-01"));
        headers.add("kafka_dlt-original-topic", bytes(originalTopic));
        headers.add("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(partition).array());
        headers.add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(offset).array());
        headers.add("kafka_dlt-original-timestamp", ByteBuffer.allocate(8).putLong(AT.minusSeconds(1).toEpochMilli()).array());
        headers.add("kafka_dlt-original-timestamp-type", bytes("CreateTime"));
        headers.add("kafka_dlt-original-consumer-group", bytes("ingest-service"));
        headers.add("kafka_dlt-exception-fqcn", bytes("org.springframework.kafka.listener.ListenerExecutionFailedException"));
        headers.add("kafka_dlt-exception-message", bytes("Listener failed; " + reason));
        headers.add("kafka_dlt-exception-stacktrace", bytes("ListenerExecutionFailedException: Listener failed\n"
                + "\tat org.springframework.kafka.A.a(A.java:1)\n\tat org.springframework.kafka.B.b(B.java:2)\n"
                + "Caused by: io.freshet.contract.failure.PoisonEventException: " + reason + "\n"
                + "\tat io.freshet.ingest.Stage.run(Stage.java:42)\n\tat org.springframework.kafka.C.c(C.java:3)\n"
                + "\t... 12 more"));
        headers.add("freshet-dlq-reason", bytes(reason));
        headers.add("freshet-dlq-exception", bytes("io.freshet.contract.failure.PoisonEventException"));
        return headers;
    }

    static ConsumerRecord<byte[], byte[]> record(String topic, long offset, String key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, 0, offset, AT.toEpochMilli(), TimestampType.CREATE_TIME, -1, -1,
                key == null ? null : bytes(key), value, headers, Optional.empty());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theHeadersSayWhereItCameFromAndWhyWithSpringKafkasBinaryNumbersDecoded() {
        DeadLetterView view = DeadLetterView.of(record("freshet.documents.changes.dlq", 7, "hr/leave", bytes("{}"),
                deadLetterHeaders("freshet.documents.changes", 3, 41, "malformed event: no id")));

        assertEquals("freshet.documents.changes", view.originalTopic());
        assertEquals(3, view.originalPartition());
        assertEquals(41L, view.originalOffset());
        assertEquals(AT.minusSeconds(1), view.originalTimestamp());
        assertEquals("malformed event: no id", view.reason());
        assertEquals("io.freshet.contract.failure.PoisonEventException", view.exception());
        assertEquals("ingest-service", view.consumerGroup());
        assertEquals("freshet.documents.changes.dlq/0@7", view.address());
        assertEquals("freshet.documents.changes partition 3 offset 41", view.origin());
        assertEquals(List.of("traceparent: 00-abc-def-01"), view.otherHeaders());
    }

    @Test
    void aRecordRejectedAgainAfterAReplayIsReadByItsLatestHeaders() {
        RecordHeaders headers = deadLetterHeaders("freshet.documents.changes", 3, 41, "first reason");
        headers.add("freshet-replayed-from", bytes("freshet.documents.changes.dlq/0@7"));
        headers.add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(90).array());
        headers.add("freshet-dlq-reason", bytes("second reason"));

        DeadLetterView view = DeadLetterView.of(record("freshet.documents.changes.dlq", 8, "k", null, headers));

        assertEquals("second reason", view.reason());
        assertEquals(90L, view.originalOffset());
        assertEquals("freshet.documents.changes.dlq/0@7", view.replayedFrom());
    }

    @Test
    void missingOrGarbledHeadersAreSaidNotGuessed() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("kafka_dlt-original-partition", bytes("x"));
        DeadLetterView view = DeadLetterView.of(record("t.dlq", 0, null, new byte[]{(byte) 0xff, 0, 1}, headers));

        assertNull(view.originalTopic());
        assertNull(view.originalPartition());
        assertEquals("(unknown: no kafka_dlt-original-topic header)", view.origin());
        assertEquals("(no key)", view.keyText());
        List<String> shown = text.show(view, Optional.empty(), false);
        assertTrue(shown.contains("  reason:         (no freshet-dlq-reason header)"), shown::toString);
        assertEquals("value: 3 bytes, not text: ff0001", shown.get(shown.size() - 1));
    }

    @Test
    void showPrintsTheHeadersAndThePrettyValueWithLongStringsShortened() {
        String base64 = "A".repeat(5000);
        byte[] value = bytes("{\"id\":\"hr/leave\",\"version\":7,\"content\":{\"base64\":\"" + base64 + "\"}}");
        DeadLetterView view = DeadLetterView.of(record("freshet.documents.changes.dlq", 7, "hr/leave", value,
                deadLetterHeaders("freshet.documents.changes", 3, 41, "encrypted: a password is required")));

        List<String> lines = text.show(view, Optional.of(new DeadLetterText.Replay(AT.plusSeconds(60),
                "freshet.documents.changes/3@57")), false);

        assertEquals("freshet.documents.changes.dlq partition 0 offset 7, dead-lettered 2026-12-03 14:02:11 (UTC)",
                lines.get(0));
        assertTrue(lines.contains("  key:            hr/leave"), lines::toString);
        assertTrue(lines.contains("  reason:         encrypted: a password is required"), lines::toString);
        assertTrue(lines.contains("  exception:      io.freshet.contract.failure.PoisonEventException"), lines::toString);
        assertTrue(lines.contains("  came from:      freshet.documents.changes partition 3 offset 41, published "
                + "2026-12-03 14:02:10"), lines::toString);
        assertTrue(lines.contains("  replayed:       2026-12-03 14:03:11 to freshet.documents.changes/3@57"), lines::toString);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("  message:")), "spring-kafka's message only wraps the reason");
        int stack = lines.indexOf("  stack trace (its exceptions, 4 of 7 lines; --full shows all):");
        assertEquals(List.of("    ListenerExecutionFailedException: Listener failed",
                "    \tat org.springframework.kafka.A.a(A.java:1)",
                "    Caused by: io.freshet.contract.failure.PoisonEventException: encrypted: a password is required",
                "    \tat io.freshet.ingest.Stage.run(Stage.java:42)"), lines.subList(stack + 1, stack + 5), lines::toString);
        assertTrue(lines.contains("value (" + String.format("%,d", value.length) + " bytes, JSON):"), lines::toString);
        assertTrue(lines.contains("  \"id\" : \"hr/leave\","), lines::toString);
        String joined = String.join("\n", lines);
        assertTrue(joined.contains("\"" + "A".repeat(300) + "… (5,000 characters; --full shows all)\""), joined);
        assertTrue(joined.length() < 3000, "the 5,000-character string is not printed whole");

        String full = String.join("\n", text.show(view, Optional.empty(), true));
        assertTrue(full.contains(base64) && full.contains("\t... 12 more") && full.contains("  replayed:       no"));
    }

    @Test
    void aHugeValueThatIsNotJsonIsCutWithAnExplanation() {
        List<String> lines = DeadLetterText.value(bytes("x".repeat(20_000)), false);

        assertEquals("value (20,000 bytes, not JSON):", lines.get(0));
        assertEquals("... (12,000 more characters; --full shows all)", lines.get(lines.size() - 1));
        assertEquals(List.of("value: none (a tombstone)"), DeadLetterText.value(null, false));
    }

    @Test
    void listShowsOneLinePerRecordWithItsReplayMark() {
        DeadLetterView view = DeadLetterView.of(record("freshet.documents.changes.dlq", 12, "policies/a-very-long-"
                + "document-id-that-goes-on.pdf", bytes("{}"), deadLetterHeaders("freshet.documents.changes", 0, 1,
                "too large: 73 MB\nover the 50 MB limit")));

        assertEquals("freshet.documents.changes.dlq: 14 records (the newest 5 below)",
                text.topicLine("freshet.documents.changes.dlq", 14, 5));
        assertEquals("freshet.documents.status.dlq: no records", text.topicLine("freshet.documents.status.dlq", 0, 0));
        assertEquals("  12       2026-12-03 14:02:11  policies/a-very-long-docume… too large: 73 MB over the 50 MB limit"
                        + "  [replayed 2026-12-03 14:03:11]",
                text.listLine(view, false, Optional.of(new DeadLetterText.Replay(AT.plusSeconds(60), "x"))));
        assertEquals("  0@12         2026-12-03 14:02:11  policies/a-very-long-docume… too large: 73 MB over the 50 MB "
                + "limit", text.listLine(view, true, Optional.empty()));
        RecordHeaders again = deadLetterHeaders("freshet.documents.changes", 0, 1, "still too large");
        again.add("freshet-replayed-from", bytes("freshet.documents.changes.dlq/0@12"));
        assertTrue(text.listLine(DeadLetterView.of(record("freshet.documents.changes.dlq", 13, "k", null, again)), false,
                Optional.empty()).endsWith("still too large  [rejected again: a replay of freshet.documents.changes.dlq/0@12]"));
    }
}
