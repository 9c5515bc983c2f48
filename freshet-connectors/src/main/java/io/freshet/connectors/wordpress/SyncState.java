package io.freshet.connectors.wordpress;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the connector knows of one post type of one site, and all it needs after a restart, kept in Connect's source
 * offset of the partition {@code {"site", "type"}}:
 * <ul>
 *   <li>{@code modified}: the latest {@code modified_gmt} passed, and {@code seen}: the posts passed at exactly that
 *   second with a digest of each. WordPress keeps seconds and {@code modified_after} is exclusive, so the feed asks
 *   from a second earlier and skips what it has seen at that second: nothing is re-published, nothing modified within
 *   the same second is missed, and a post edited twice within it is told apart by its digest.</li>
 *   <li>{@code published}: the ids published as readable and not deleted since ({@link IdSetCodec}), which
 *   reconciliation compares with what the site lists.</li>
 *   <li>{@code high}: the highest version published for this type. A version is {@code modified_gmt} in milliseconds,
 *   raised to {@code high + 1} when that is not more (a delete after an upsert within one second, a reconciliation's
 *   delete which has no modified time of its own): every change of a document outranks the one before it.</li>
 * </ul>
 * Pure: the caller asks whether a post is new, which version it gets, and says what was published.
 */
final class SyncState {

    static final String MODIFIED = "modified";
    static final String SEEN = "seen";
    static final String PUBLISHED = "published";
    static final String HIGH = "high";

    private Instant second;
    private final Map<Long, String> seen = new TreeMap<>();
    private final NavigableSet<Long> published;
    private long high;

    private SyncState(Instant second, Map<Long, String> seen, NavigableSet<Long> published, long high) {
        this.second = second;
        this.seen.putAll(seen);
        this.published = published;
        this.high = high;
    }

    static SyncState empty() {
        return new SyncState(null, Map.of(), new TreeSet<>(), 0);
    }

    /** @throws IllegalArgumentException when the stored offset is not one this connector wrote */
    static SyncState fromOffset(Map<String, ?> offset) {
        if (offset == null || offset.isEmpty()) {
            return empty();
        }
        try {
            Object modified = offset.get(MODIFIED);
            Instant second = modified == null || modified.toString().isEmpty() ? null : Instant.parse(modified.toString());
            Map<Long, String> seen = new HashMap<>();
            Object seenText = offset.get(SEEN);
            if (seenText != null && !seenText.toString().isEmpty()) {
                for (String entry : seenText.toString().split(",")) {
                    int colon = entry.indexOf(':');
                    seen.put(Long.parseLong(entry.substring(0, colon), 36), entry.substring(colon + 1));
                }
            }
            Object published = offset.get(PUBLISHED);
            Object high = offset.get(HIGH);
            return new SyncState(second, seen, IdSetCodec.decode(published == null ? "" : published.toString()),
                    high == null ? 0 : ((Number) high).longValue());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable offset " + offset.keySet() + ": " + e.getMessage(), e);
        }
    }

    Map<String, Object> toOffset() {
        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put(MODIFIED, second == null ? "" : second.toString());
        StringBuilder seenText = new StringBuilder();
        seen.forEach((id, digest) -> seenText.append(seenText.length() == 0 ? "" : ",")
                .append(Long.toString(id, 36)).append(':').append(digest));
        offset.put(SEEN, seenText.toString());
        offset.put(PUBLISHED, IdSetCodec.encode(published));
        offset.put(HIGH, high);
        return offset;
    }

    /** {@code modified_after} for the next request: a second before the latest passed, or null before the first. */
    String modifiedAfter() {
        return second == null ? null : second.minusSeconds(1).toString();
    }

    /** The second the feed has passed (null before the first post). */
    Instant second() {
        return second;
    }

    /** False for a post passed already: older than the feed's second, or seen at that second as it is now. */
    boolean isNew(WpPost post) {
        if (second == null) {
            return true;
        }
        Instant modified = post.modifiedGmt().truncatedTo(ChronoUnit.SECONDS);
        int order = modified.compareTo(second);
        return order > 0 || (order == 0 && !post.digest().equals(seen.get(post.id())));
    }

    long versionFor(Instant modified) {
        return Math.max(modified.toEpochMilli(), high + 1);
    }

    /** The version of a change with no modified time of its own (a reconciliation's delete). */
    long nextVersion() {
        return high + 1;
    }

    /** The feed has passed this post, whether or not anything was published for it. */
    void passed(WpPost post) {
        Instant modified = post.modifiedGmt().truncatedTo(ChronoUnit.SECONDS);
        if (second == null || modified.isAfter(second)) {
            second = modified;
            seen.clear();
        }
        if (modified.equals(second)) {
            seen.put(post.id(), post.digest());
        }
    }

    /** A change was published for the post: readable ones are now known, others no longer. */
    void published(long postId, long version, boolean readable) {
        if (readable) {
            published.add(postId);
        } else {
            published.remove(postId);
        }
        high = Math.max(high, version);
    }

    NavigableSet<Long> publishedIds() {
        return Collections.unmodifiableNavigableSet(published);
    }

    /** WordPress's {@code modified_gmt}: a UTC date-time without an offset. */
    static Instant parseGmt(String text) {
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Instant.parse(text);
        }
    }
}
