package io.freshet.infra;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A dead-lettered record as an operator reads it: where it came from and why it was rejected, from the headers the
 * services add (docs/operations.md): Freshet's {@code freshet-dlq-reason} and {@code -exception}, and spring-kafka's
 * {@code kafka_dlt-*}, whose partition, offset and timestamp are binary (a 4- or 8-byte big-endian number).
 * A header appended again by a later dead-lettering counts in its last occurrence.
 */
record DeadLetterView(String topic, int partition, long offset, Instant timestamp, byte[] key, byte[] value,
                      String reason, String exception, String exceptionMessage, String stacktrace, String originalTopic,
                      Integer originalPartition, Long originalOffset, Instant originalTimestamp, String consumerGroup,
                      String replayedFrom, List<String> otherHeaders) {

    static final String REASON = "freshet-dlq-reason";
    static final String EXCEPTION = "freshet-dlq-exception";
    static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    static final String ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";
    static final String ORIGINAL_GROUP = "kafka_dlt-original-consumer-group";
    static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
    static final String STACKTRACE = "kafka_dlt-exception-stacktrace";
    /** Set by {@code ./freshet dlq replay} on the record it publishes again: "&lt;dlq topic&gt;/&lt;partition&gt;@&lt;offset&gt;". */
    static final String REPLAYED_FROM = "freshet-replayed-from";
    static final String REPLAYED_AT = "freshet-replayed-at";

    /** Headers that describe one dead-lettering: a replayed record leaves them behind. */
    static boolean isDeadLetterHeader(String key) {
        return key.startsWith("kafka_dlt-") || key.startsWith("freshet-dlq-") || key.startsWith("freshet-replayed-");
    }

    static DeadLetterView of(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        List<String> others = new ArrayList<>();
        for (Header header : headers) {
            if (!isDeadLetterHeader(header.key())) {
                others.add(header.key() + ": " + (header.value() == null ? "(null)" : text(header.value(), 200)));
            }
        }
        Long originalTimestamp = number(headers.lastHeader(ORIGINAL_TIMESTAMP));
        Long originalPartition = number(headers.lastHeader(ORIGINAL_PARTITION));
        return new DeadLetterView(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()), record.key(), record.value(),
                string(headers.lastHeader(REASON)), string(headers.lastHeader(EXCEPTION)),
                string(headers.lastHeader(EXCEPTION_MESSAGE)), string(headers.lastHeader(STACKTRACE)),
                string(headers.lastHeader(ORIGINAL_TOPIC)),
                originalPartition == null || originalPartition > Integer.MAX_VALUE || originalPartition < 0 ? null
                        : originalPartition.intValue(),
                number(headers.lastHeader(ORIGINAL_OFFSET)),
                originalTimestamp == null ? null : Instant.ofEpochMilli(originalTimestamp),
                string(headers.lastHeader(ORIGINAL_GROUP)), string(headers.lastHeader(REPLAYED_FROM)),
                List.copyOf(others));
    }

    /** "&lt;topic&gt;/&lt;partition&gt;@&lt;offset&gt;": how the replay journal and header name this record. */
    String address() {
        return topic + "/" + partition + "@" + offset;
    }

    /** The key as text (document ids are), or hex when it is not. */
    String keyText() {
        return key == null ? "(no key)" : text(key, 200);
    }

    /** Where it came from, e.g. "freshet.documents.changes partition 3 offset 41"; what is missing is said. */
    String origin() {
        if (originalTopic == null) {
            return "(unknown: no " + ORIGINAL_TOPIC + " header)";
        }
        return originalTopic + " partition " + (originalPartition == null ? "?" : originalPartition) + " offset "
                + (originalOffset == null ? "?" : originalOffset);
    }

    /** The header's value as UTF-8 text, or null without the header. */
    private static String string(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** spring-kafka writes numbers as 4 or 8 big-endian bytes; a decimal text is read too. Unreadable: null. */
    static Long number(Header header) {
        if (header == null || header.value() == null) {
            return null;
        }
        byte[] bytes = header.value();
        if (bytes.length == Integer.BYTES) {
            return (long) ByteBuffer.wrap(bytes).getInt();
        }
        if (bytes.length == Long.BYTES) {
            return ByteBuffer.wrap(bytes).getLong();
        }
        try {
            return Long.parseLong(new String(bytes, StandardCharsets.UTF_8).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Valid UTF-8 without control characters (but tabs and line breaks) as it is, else "N bytes: hex...". */
    static String text(byte[] bytes, int maxChars) {
        String decoded = utf8(bytes);
        if (decoded != null && decoded.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            return shorten(decoded, maxChars);
        }
        int shown = Math.min(bytes.length, 32);
        return bytes.length + " bytes, not text: " + HexFormat.of().formatHex(bytes, 0, shown)
                + (shown < bytes.length ? "..." : "");
    }

    /** Null if the bytes are not valid UTF-8. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static String shorten(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, Math.max(0, maxChars - 1)) + "…";
    }
}
