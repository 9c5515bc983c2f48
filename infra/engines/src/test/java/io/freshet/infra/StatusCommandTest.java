package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./freshet status} against the tests' real engines: a group's lag and dead letters measured on the broker.
 * (The services and the token issuer are looked for on up's fixed ports, which this test does not assert on.)
 */
class StatusCommandTest {

    @TempDir
    Path repo;

    @Test
    void aConsumerGroupsLagAndTheDeadLettersAreMeasuredOnTheBroker() throws Exception {
        EngineFixture engines = EngineFixture.shared();
        BrokerClients clients = new BrokerClients(engines.kafkaBootstrapServers(), Duration.ofSeconds(10));
        String id = UUID.randomUUID().toString().substring(0, 8);
        // "freshet.documents.": a group reading the pipeline's topics shows up even under another name (a rebuild's).
        String topic = "freshet.documents.lagtest-" + id;
        String group = "rebuild-" + id;
        try (Admin admin = clients.admin(); KafkaProducer<byte[], byte[]> producer = clients.producer()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1), new NewTopic(topic + ".dlq", 1, (short) 1)))
                    .all().get();
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, new byte[]{1})).get();
                producer.send(new ProducerRecord<>(topic, 1, null, new byte[]{1})).get();
            }
            producer.send(new ProducerRecord<>(topic + ".dlq", null, new byte[]{2})).get();
            // The group has read 3 of partition 0's five records and none of partition 1's.
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(3),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(0))).all().get();

            ConsumerLag.Lag lag = ConsumerLag.measure(admin, Duration.ofSeconds(10)).stream()
                    .filter(l -> l.stage().group().equals(group)).findFirst().orElseThrow();
            assertEquals(new ConsumerLag.Stage("other", group, List.of(topic)), lag.stage());
            assertEquals(2 + 5, lag.records());
            assertEquals(0, lag.members());
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = StatusCommand.run(List.of("--repo", repo.toString(), "--bootstrap-server",
                        engines.kafkaBootstrapServers(), "--opensearch", engines.openSearchUrl()), repo,
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String printed = out.toString(StandardCharsets.UTF_8);

        assertTrue(printed.startsWith("Freshet from " + repo + ": no ./freshet up runs from this checkout"), printed);
        assertTrue(printed.contains("\n  kafka           UP    " + engines.kafkaBootstrapServers() + " (1 broker)\n"), printed);
        assertTrue(printed.matches("(?s).*\\n  opensearch      UP    \\S+ \\(cluster (green|yellow)\\)\\n.*"), printed);
        assertTrue(printed.matches("(?s).*\\n  index   index-service +0  0 +embedded, status\\n.*"), printed);
        assertTrue(printed.matches("(?s).*\\n  other   " + group + " +7  0 +lagtest-" + id + "\\n.*"), printed);
        assertTrue(printed.contains("the status index freshet-documents does not exist yet"), printed);
        assertTrue(printed.matches("(?s).*\\n  " + topic.replace(".", "\\.") + "\\.dlq +1\\n.*"), printed);
        assertTrue(code == 0 || code == 1, "1 unless a ./freshet up happens to run on this machine");
    }
}
