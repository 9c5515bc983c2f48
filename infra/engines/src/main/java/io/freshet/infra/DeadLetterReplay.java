package io.freshet.infra;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes a dead-lettered record again to the topic it was taken from, so its service tries it once more (after a
 * fix, or when the reason was in its surroundings). The dead-letter record stays: the topic is the history of what was
 * rejected. Each replay is recorded twice: on the republished record ({@link DeadLetterView#REPLAYED_FROM}, which a
 * second rejection carries into the dead-letter topic again) and in the compacted journal topic {@value #JOURNAL}, so
 * {@code dlq list} and {@code show} tell replayed records apart and {@code replay --all} does not repeat itself.
 */
final class DeadLetterReplay {

    static final String JOURNAL = "freshet.dlq.replays";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BrokerClients clients;
    private final Admin admin;
    private final Clock clock;

    /** A replay as the journal holds it; {@code deadLetteredAt} tells apart records of a topic created anew. */
    record Entry(DeadLetterText.Replay replay, long deadLetteredAt) {
    }

    DeadLetterReplay(BrokerClients clients, Admin admin, Clock clock) {
        this.clients = clients;
        this.admin = admin;
        this.clock = clock;
    }

    /**
     * Why the record must not be published again, or empty when it may. Only to the topic its dead-letter topic
     * belongs to: a header claiming another origin is not trusted with a write to an arbitrary topic.
     */
    static Optional<String> refusal(DeadLetterView view, Set<String> existingTopics) {
        String expected = view.topic().substring(0, view.topic().length() - DeadLetters.SUFFIX.length());
        if (view.originalTopic() == null) {
            return Optional.of("it has no " + DeadLetterView.ORIGINAL_TOPIC + " header, so where it came from is unknown");
        }
        if (!view.originalTopic().equals(expected)) {
            return Optional.of("its " + DeadLetterView.ORIGINAL_TOPIC + " header says " + view.originalTopic()
                    + ", but the records of " + view.topic() + " come from " + expected);
        }
        if (!existingTopics.contains(expected)) {
            return Optional.of("its topic " + expected + " does not exist on the broker");
        }
        return Optional.empty();
    }

    /** Same key, value and headers, minus those of the dead-lettering, plus where and when it was replayed from. */
    static ProducerRecord<byte[], byte[]> republished(ConsumerRecord<byte[], byte[]> record, String to, Instant now) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!DeadLetterView.isDeadLetterHeader(header.key())) {
                headers.add(header);
            }
        }
        headers.add(DeadLetterView.REPLAYED_FROM, bytes(record.topic() + "/" + record.partition() + "@" + record.offset()));
        headers.add(DeadLetterView.REPLAYED_AT, bytes(now.toString()));
        // No partition: the key chooses it, as for the original publisher, even if partitions were added since.
        return new ProducerRecord<>(to, null, null, record.key(), record.value(), headers);
    }

    /** Publishes the record to its topic, records the replay, and returns where it went ("topic/partition@offset"). */
    String replay(ConsumerRecord<byte[], byte[]> record, String to, KafkaProducer<byte[], byte[]> producer)
            throws InterruptedException, ExecutionException, TimeoutException {
        Instant now = clock.instant();
        long sendTimeout = clients.timeout().multipliedBy(3).toMillis();
        RecordMetadata sent = producer.send(republished(record, to, now)).get(sendTimeout, TimeUnit.MILLISECONDS);
        String where = sent.topic() + "/" + sent.partition() + "@" + sent.offset();
        String entry = JSON.createObjectNode().put("at", now.toString()).put("to", where)
                .put("deadLetteredAt", record.timestamp()).toString();
        try {
            ensureJournal();
            producer.send(new ProducerRecord<>(JOURNAL, bytes(record.topic() + "/" + record.partition() + "@"
                    + record.offset()), bytes(entry))).get(sendTimeout, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            // The record did go out: say so, rather than let a retry publish it twice unawares.
            throw new DeadLetters.NotFound("replayed " + record.topic() + "/" + record.partition() + "@" + record.offset()
                    + " to " + where + ", but recording it in " + JOURNAL + " failed (" + clients.problem(e)
                    + "): list will not mark it replayed");
        }
        return where;
    }

    /** The replays recorded so far, by dead-letter address ("topic/partition@offset"); none without a journal. */
    Map<String, Entry> journal() throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, List<DeadLetters.Span>> spans = new DeadLetters(clients, admin).spans(List.of(JOURNAL));
        Map<String, Entry> entries = new HashMap<>();
        if (!spans.containsKey(JOURNAL)) {
            return entries;
        }
        for (ConsumerRecord<byte[], byte[]> record : new DeadLetters(clients, admin).all(spans.get(JOURNAL))) {
            if (record.key() == null || record.value() == null) {
                continue;
            }
            try {
                JsonNode entry = JSON.readTree(record.value());
                entries.put(new String(record.key(), StandardCharsets.UTF_8), new Entry(
                        new DeadLetterText.Replay(Instant.parse(entry.path("at").asText()), entry.path("to").asText()),
                        entry.path("deadLetteredAt").asLong()));
            } catch (java.io.IOException | java.time.DateTimeException e) {
                // Not written by this command: ignored, like an unknown replay.
            }
        }
        return entries;
    }

    /** The journal's record of this dead letter, if it was replayed (and is the same record, not a namesake). */
    static Optional<DeadLetterText.Replay> replayOf(DeadLetterView view, Map<String, Entry> journal) {
        Entry entry = journal.get(view.address());
        return entry != null && entry.deadLetteredAt() == view.timestamp().toEpochMilli()
                ? Optional.of(entry.replay()) : Optional.empty();
    }

    /** Compacted, one partition, the broker's replication: the latest word on each dead letter is what counts. */
    private void ensureJournal() throws InterruptedException, ExecutionException, TimeoutException {
        NewTopic topic = new NewTopic(JOURNAL, Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            ConsumerLag.get(admin.createTopics(List.of(topic)).all(), clients.timeout());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
