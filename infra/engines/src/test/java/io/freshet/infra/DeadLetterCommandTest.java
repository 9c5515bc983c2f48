package io.freshet.infra;

import static io.freshet.infra.DeadLetterViewTest.bytes;
import static io.freshet.infra.DeadLetterViewTest.deadLetterHeaders;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ./freshet dlq} against a real broker (the tests' {@link EngineFixture}), dead letters written as the services do. */
class DeadLetterCommandTest {

    private final String bootstrap = EngineFixture.shared().kafkaBootstrapServers();
    private final BrokerClients clients = new BrokerClients(bootstrap, Duration.ofSeconds(10));
    private String topic;
    private String dlq;

    @BeforeEach
    void deadLetters() throws Exception {
        topic = "ops-" + UUID.randomUUID().toString().substring(0, 8) + ".changes";
        dlq = topic + ".dlq";
        try (Admin admin = clients.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1), new NewTopic(dlq, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = clients.producer()) {
            producer.send(new ProducerRecord<>(dlq, null, bytes("doc-1"), bytes("{\"id\":\"doc-1\",\"version\":1}"),
                    deadLetterHeaders(topic, 2, 40, "malformed event: no title"))).get();
            producer.send(new ProducerRecord<>(dlq, null, bytes("doc-2"), bytes("{\"id\":\"doc-2\",\"version\":5}"),
                    deadLetterHeaders(topic, 0, 41, "too large: 73 MB over the 50 MB limit"))).get();
            RecordHeaders noOrigin = new RecordHeaders();
            noOrigin.add("freshet-dlq-reason", bytes("written by hand"));
            producer.send(new ProducerRecord<>(dlq, null, bytes("doc-3"), bytes("not json"), noOrigin)).get();
        }
    }

    @Test
    void listShowsTheCountAndTheNewestRecordsAndShowOneRecordsHeadersAndValue() {
        Outcome list = dlq("list", dlq, "--limit", "2");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains(dlq + ": 3 records (the newest 2 below)"), list.out());
        assertTrue(list.out().matches("(?s).*\\n  2 +\\S+ \\S+  doc-3 +written by hand\\n  1 +\\S+ \\S+  doc-2 +too "
                + "large: 73 MB over the 50 MB limit\\n.*"), list.out());

        Outcome show = dlq("show", dlq, "1");
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("  key:            doc-2"), show.out());
        assertTrue(show.out().contains("  came from:      " + topic + " partition 0 offset 41"), show.out());
        assertTrue(show.out().contains("  \"version\" : 5"), show.out());
        assertTrue(dlq("show", dlq, "latest").out().contains("  key:            doc-3"));
    }

    @Test
    void absurdRequestsGetClearErrors() {
        Outcome past = dlq("show", dlq, "3");
        assertEquals(1, past.code());
        assertEquals("freshet dlq: offset 3 is past the end of " + dlq + " partition 0: its records are at offsets 0 to 2",
                past.err().strip());

        Outcome notDlq = dlq("show", topic, "0");
        assertEquals(2, notDlq.code());
        assertTrue(notDlq.err().contains(topic + " is not a dead-letter topic (their names end in .dlq); its dead "
                + "letters are in " + dlq), notDlq.err());

        Outcome noPartition = dlq("show", dlq, "0", "--partition", "4");
        assertEquals(1, noPartition.code());
        assertTrue(noPartition.err().contains(dlq + " has no partition 4 (it has 1: 0 to 0)"), noPartition.err());

        Outcome noOrigin = dlq("replay", dlq, "--offset", "2");
        assertEquals(1, noOrigin.code());
        assertTrue(noOrigin.err().contains("not replaying " + dlq + "/0@2: it has no kafka_dlt-original-topic header"),
                noOrigin.err());

        Outcome noBroker = run(List.of("list", "--bootstrap-server", "127.0.0.1:" + EngineProcess.freePort()));
        assertEquals(1, noBroker.code());
        assertTrue(noBroker.err().contains("did not answer within 5 s. Is Freshet running?"), noBroker.err());
    }

    @Test
    void replayPublishesToTheOriginalTopicKeepsTheDeadLetterAndIsNotRepeatedByAll() throws Exception {
        Outcome one = dlq("replay", dlq, "--offset", "0");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().startsWith("Replayed " + dlq + "/0@0 (key doc-1, rejected for: malformed event: no title) "
                + "to " + topic + "/"), one.out());

        List<ConsumerRecord<byte[], byte[]>> replayed = records(topic);
        assertEquals(1, replayed.size());
        ConsumerRecord<byte[], byte[]> again = replayed.get(0);
        assertArrayEquals(bytes("doc-1"), again.key());
        assertArrayEquals(bytes("{\"id\":\"doc-1\",\"version\":1}"), again.value());
        assertEquals(dlq + "/0@0", new String(again.headers().lastHeader("freshet-replayed-from").value(),
                StandardCharsets.UTF_8));
        assertNull(again.headers().lastHeader("kafka_dlt-original-topic"), "the dead-lettering's headers stay behind");
        assertNull(again.headers().lastHeader("freshet-dlq-reason"));
        assertEquals(3, records(dlq).size(), "the dead letter stays: the topic is history");
        assertTrue(dlq("list", dlq).out().matches("(?s).*\\n  0 +.*malformed event: no title  \\[replayed .*"),
                "list marks it replayed");
        assertTrue(dlq("show", dlq, "0").out().contains("  replayed:       "));

        Outcome dryRun = dlq("replay", dlq, "--all", "--dry-run");
        assertEquals(1, dryRun.code(), "one record cannot be replayed");
        assertTrue(dryRun.out().contains("Would replay " + dlq + "/0@1 (key doc-2"), dryRun.out());
        assertTrue(dryRun.out().contains("Would replay 1 of 3 records of " + dlq + "."), dryRun.out());
        assertTrue(dryRun.out().contains("Skipped 1 replayed before"), dryRun.out());
        assertTrue(dryRun.out().contains("Refused " + dlq + "/0@2: it has no kafka_dlt-original-topic header"), dryRun.out());
        assertEquals(1, records(topic).size(), "a dry run publishes nothing");

        Outcome all = dlq("replay", dlq, "--all");
        assertTrue(all.out().contains("Replayed 1 of 3 records of " + dlq + "."), all.out());
        assertEquals(2, records(topic).size());
        Outcome again2 = dlq("replay", dlq, "--all");
        assertTrue(again2.out().contains("Replayed 0 of 3 records of " + dlq + "."), again2.out());
        assertEquals(2, records(topic).size(), "--all does not repeat a replay");
    }

    private List<ConsumerRecord<byte[], byte[]>> records(String name) throws Exception {
        try (Admin admin = clients.admin()) {
            DeadLetters reader = new DeadLetters(clients, admin);
            return new ArrayList<>(reader.all(reader.spans(List.of(name)).get(name)));
        }
    }

    private record Outcome(int code, String out, String err) {
    }

    private Outcome dlq(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-server", bootstrap));
        return run(all);
    }

    private static Outcome run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DeadLetterCommand.run(args, Path.of("."), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
