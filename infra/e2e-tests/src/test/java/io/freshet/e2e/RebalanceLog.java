package io.freshet.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rebalances a service logged, as spring-kafka's listener container writes them at INFO, e.g.
 * {@code [extracted-0-C-1] o.s.k.l.KafkaMessageListenerContainer : embed-service: partitions assigned: [t-0, t-1]}.
 */
final class RebalanceLog {

    private static final Pattern LINE = Pattern.compile(
            "\\[\\s*([^\\]]+?)\\s*] o\\.s\\.k\\.l\\.KafkaMessageListenerContainer\\s*: \\S+: partitions (assigned|revoked|lost): \\[([^\\]]*)]");
    /** The same in a JSON (ECS) line's message; the thread is its process.thread.name. */
    private static final Pattern MESSAGE = Pattern.compile("^\\S+: partitions (assigned|revoked|lost): \\[([^\\]]*)]");
    private static final String CONTAINER = "org.springframework.kafka.listener.KafkaMessageListenerContainer";

    /** One line: the consumer thread, what happened (assigned, revoked, lost) and to which partitions ("topic-n"). */
    record Event(String thread, String kind, Set<String> partitions) {
    }

    private final List<Event> events;

    private RebalanceLog(List<Event> events) {
        this.events = events;
    }

    /** The log's length now: read {@link #since} it later to see only what was logged after this moment. */
    static long end(Path log) {
        return log.toFile().length();
    }

    /** The rebalance lines written to {@code log} from byte {@code offset} on. */
    static RebalanceLog since(Path log, long offset) {
        try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, in.length() - offset)];
            in.seek(offset);
            in.readFully(bytes);
            List<Event> events = new ArrayList<>();
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("{")) {
                    JsonNode json = FreshetClient.JSON.readTree(line);
                    Matcher m = MESSAGE.matcher(json.path("message").asText());
                    if (CONTAINER.equals(json.path("log").path("logger").asText()) && m.find()) {
                        events.add(new Event(json.path("process").path("thread").path("name").asText(), m.group(1),
                                partitions(m.group(2))));
                    }
                    continue;
                }
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    events.add(new Event(m.group(1), m.group(2), partitions(m.group(3))));
                }
            }
            return new RebalanceLog(events);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    private static Set<String> partitions(String list) {
        Set<String> partitions = new HashSet<>();
        Arrays.stream(list.split(",")).map(String::strip).filter(p -> !p.isEmpty()).forEach(partitions::add);
        return partitions;
    }

    List<Event> events() {
        return events;
    }

    long count(String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).count();
    }

    /**
     * What the consumers hold at the end of the log, replaying the lines in order from nothing held: exact when the
     * log starts before a rebalance of an eager assignor (Range, the services' choice), which revokes everything and
     * then assigns each consumer its whole new share.
     */
    Set<String> heldAtEnd() {
        Map<String, Set<String>> byThread = new LinkedHashMap<>();
        for (Event event : events) {
            Set<String> held = byThread.computeIfAbsent(event.thread(), t -> new HashSet<>());
            if (event.kind().equals("assigned")) {
                held.addAll(event.partitions());
            } else {
                held.removeAll(event.partitions());
            }
        }
        Set<String> all = new HashSet<>();
        byThread.values().forEach(all::addAll);
        return all;
    }

    @Override
    public String toString() {
        return events.stream().map(e -> e.thread() + " " + e.kind() + " " + e.partitions().stream().sorted().toList())
                .toList().toString();
    }
}
