package io.freshet.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stream of change events over a set of documents, published straight onto the changes topic: upserts whose text,
 * length and title depend on the version, and deletes. It remembers what each document must end as.
 */
final class VersionedStream {

    /** What a document must end as: its last version, and whether that was a delete. */
    record Expected(long version, boolean deleted) {
    }

    private static final Pattern MARKER = Pattern.compile("\\[revision (\\d+)]");

    private final ChangeTopic topic;
    private final String prefix;
    private final Map<String, Expected> expected = new LinkedHashMap<>();
    private int events;

    VersionedStream(ChangeTopic topic, String prefix) {
        this.topic = topic;
        this.prefix = prefix;
    }

    String id(int document) {
        return prefix + "-" + document;
    }

    /** Upserts version {@code version} of documents {@code from} to {@code to} (exclusive). */
    void upsert(int from, int to, long version) {
        for (int document = from; document < to; document++) {
            String id = id(document);
            topic.publish(id, FreshetClient.textDocument(id, version, title(id, version), text(id, document, version)).toString());
            expected.put(id, new Expected(version, false));
            events++;
        }
    }

    /** Deletes documents {@code from} to {@code to} (exclusive) as version {@code version}. */
    void delete(int from, int to, long version) {
        for (int document = from; document < to; document++) {
            String id = id(document);
            topic.publish(id, FreshetClient.deletion(id, version).toString());
            expected.put(id, new Expected(version, true));
            events++;
        }
    }

    Map<String, Expected> expected() {
        return expected;
    }

    List<String> ids() {
        return new ArrayList<>(expected.keySet());
    }

    int events() {
        return events;
    }

    /** Every chunk of a version carries its title: a chunk left over from another version shows in it. */
    static String title(String id, long version) {
        return "Drill " + id + " revision " + version;
    }

    /** In every paragraph: a chunk holding another version's marker is stale. */
    static String marker(long version) {
        return "[revision " + version + "]";
    }

    /** Whether every version marker in {@code text} is {@code version}'s. */
    static boolean onlyMarkersOf(long version, String text) {
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            if (Long.parseLong(m.group(1)) != version) {
                return false;
            }
        }
        return true;
    }

    /** 2 to 12 paragraphs of ~45 tokens (one to three chunks), the count changing with the version. */
    private static String text(String id, int document, long version) {
        StringBuilder text = new StringBuilder();
        int paragraphs = 2 + (int) ((document * 3 + version * 5) % 11);
        for (int p = 0; p < paragraphs; p++) {
            text.append(marker(version)).append(" Paragraph ").append(p).append(" of ").append(id)
                    .append(": the cooling loop in hall ").append(document % 9).append(" is flushed every ")
                    .append(p + 2).append(" weeks, and the pump log is signed by the shift lead on duty.\n\n");
        }
        return text.toString();
    }
}
