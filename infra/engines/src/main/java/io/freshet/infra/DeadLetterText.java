package io.freshet.infra;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** What {@code ./freshet dlq list} and {@code show} print about dead-lettered records. Pure. */
final class DeadLetterText {

    /** A JSON string longer than this (a document's base64 content) is shortened unless --full. */
    static final int STRING_CHARS = 300;
    /** At most this much of a value is printed unless --full. */
    static final int VALUE_CHARS = 8_000;
    static final int STACK_LINES = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A replay recorded in the journal: when, and where the record went. */
    record Replay(Instant at, String to) {
    }

    private final DateTimeFormatter time;
    private final String zoneName;

    DeadLetterText(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        this.zoneName = zone.getId();
    }

    /** The heading of a topic's section in {@code list}. */
    String topicLine(String topic, long records, int shown) {
        if (records == 0) {
            return topic + ": no records";
        }
        return topic + ": " + records + (records == 1 ? " record" : " records")
                + (shown < records ? " (the newest " + shown + " below)" : "");
    }

    String time(java.time.Instant instant) {
        return time.format(instant);
    }

    String columns(boolean partitioned) {
        return String.format("  %-" + (partitioned ? 12 : 8) + "s %-19s  %-28s %s", partitioned ? "part@offset" : "offset",
                "time (" + zoneName + ")", "key", "reason");
    }

    /** One record in {@code list}, newest first. */
    String listLine(DeadLetterView view, boolean partitioned, Optional<Replay> replay) {
        String where = partitioned ? view.partition() + "@" + view.offset() : Long.toString(view.offset());
        String reason = view.reason() == null ? "(no " + DeadLetterView.REASON + " header)" : oneLine(view.reason());
        return String.format("  %-" + (partitioned ? 12 : 8) + "s %-19s  %-28s %s%s", where, time.format(view.timestamp()),
                DeadLetterView.shorten(oneLine(view.keyText()), 28), DeadLetterView.shorten(reason, 90),
                replay.map(r -> "  [replayed " + time.format(r.at()) + "]").orElse("")
                        + (view.replayedFrom() == null ? "" : "  [rejected again: a replay of " + view.replayedFrom() + "]"));
    }

    /** Everything about one record, for {@code show}. */
    List<String> show(DeadLetterView view, Optional<Replay> replay, boolean full) {
        List<String> lines = new ArrayList<>();
        lines.add(view.topic() + " partition " + view.partition() + " offset " + view.offset() + ", dead-lettered "
                + time.format(view.timestamp()) + " (" + zoneName + ")");
        field(lines, "key", view.keyText());
        field(lines, "reason", view.reason() == null ? "(no " + DeadLetterView.REASON + " header)" : view.reason());
        field(lines, "exception", view.exception());
        // spring-kafka's message wraps the reason in the listener's signature: shown only when it says more.
        if (view.exceptionMessage() != null && (view.reason() == null || !view.exceptionMessage().contains(view.reason()))) {
            field(lines, "message", full ? view.exceptionMessage() : DeadLetterView.shorten(view.exceptionMessage(), 500));
        }
        field(lines, "came from", view.origin() + (view.originalTimestamp() == null ? ""
                : ", published " + time.format(view.originalTimestamp())));
        field(lines, "consumer group", view.consumerGroup());
        field(lines, "replay of", view.replayedFrom() == null ? null
                : view.replayedFrom() + " (it was replayed and was rejected again)");
        field(lines, "replayed", replay.map(r -> time.format(r.at()) + " to " + r.to()).orElse("no"));
        view.otherHeaders().forEach(header -> field(lines, "header", header));
        if (view.stacktrace() != null) {
            List<String> stack = view.stacktrace().lines().toList();
            List<String> shown = full ? stack : causes(stack);
            lines.add("  stack trace" + (shown.size() < stack.size() ? " (its exceptions, " + shown.size() + " of "
                    + stack.size() + " lines; --full shows all)" : "") + ":");
            shown.forEach(line -> lines.add("    " + line));
        }
        lines.addAll(value(view.value(), full));
        return lines;
    }

    /** The value: pretty JSON (long strings shortened), else text, else a hex preview; capped unless {@code full}. */
    static List<String> value(byte[] value, boolean full) {
        if (value == null) {
            return List.of("value: none (a tombstone)");
        }
        String text = DeadLetterView.utf8(value);
        String kind;
        String shown;
        if (text == null) {
            return List.of("value: " + DeadLetterView.text(value, 0));
        }
        try {
            JsonNode tree = JSON.readTree(text);
            if (tree == null) {
                throw new IllegalArgumentException("empty");
            }
            shown = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(full ? tree : shortened(tree));
            kind = "JSON";
        } catch (JsonProcessingException | IllegalArgumentException e) {
            shown = text;
            kind = "not JSON";
        }
        List<String> lines = new ArrayList<>();
        lines.add("value (" + String.format("%,d", value.length) + " bytes, " + kind + "):");
        if (!full && shown.length() > VALUE_CHARS) {
            lines.addAll(shown.substring(0, VALUE_CHARS).lines().toList());
            lines.add("... (" + String.format("%,d", shown.length() - VALUE_CHARS) + " more characters; --full shows all)");
        } else {
            lines.addAll(shown.lines().toList());
        }
        return lines;
    }

    /** A copy whose long strings say how long they were instead of filling the screen. */
    static JsonNode shortened(JsonNode node) {
        if (node.isTextual() && node.asText().length() > STRING_CHARS) {
            String text = node.asText();
            return TextNode.valueOf(text.substring(0, STRING_CHARS) + "… (" + String.format("%,d", text.length())
                    + " characters; --full shows all)");
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), shortened(field.getValue()));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach(item -> copy.add(shortened(item)));
            return copy;
        }
        return node;
    }

    /** The first line and each "Caused by:" with the frame under it: the listener's own frames are noise here. */
    static List<String> causes(List<String> stack) {
        List<String> causes = new ArrayList<>();
        for (int i = 0; i < stack.size() && causes.size() < STACK_LINES; i++) {
            if (i == 0 || stack.get(i).startsWith("Caused by:")) {
                causes.add(DeadLetterView.shorten(stack.get(i), 300));
                if (i + 1 < stack.size() && stack.get(i + 1).strip().startsWith("at ")) {
                    causes.add(stack.get(i + 1));
                }
            }
        }
        return causes;
    }

    private static void field(List<String> lines, String name, String value) {
        if (value != null) {
            lines.add(String.format("  %-15s %s", name + ":", value));
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
