package io.freshet.connectors.sharepoint;

import java.util.Map;

/**
 * The Connect source position of a drive's records (pure). Connect commits a record's offset once every record before
 * it is written, so a record may carry a link only when everything that link's answer replaces is published: the
 * records of a page carry the link that fetched the page (a restart reads the page again), except the record of the
 * page's last item, which carries the page's next or delta link. A page whose last item publishes nothing leaves its
 * link in memory only; the next page's records carry it (it fetched that page).
 */
final class OffsetRule {

    static final String PARTITION_KEY = "drive";
    static final String OFFSET_KEY = "link";

    private OffsetRule() {
    }

    static Map<String, String> partition(String driveId) {
        return Map.of(PARTITION_KEY, driveId);
    }

    static Map<String, String> offset(String link) {
        return Map.of(OFFSET_KEY, link);
    }

    /** The link the record of the item at {@code index} of a page of {@code size} items carries. */
    static String linkFor(int index, int size, String fetchedWith, String following) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("item " + index + " of a page of " + size);
        }
        return index == size - 1 ? following : fetchedWith;
    }

    /** The link a stored offset holds; null when there is none (or it is not ours). */
    static String storedLink(Map<String, Object> offset) {
        if (offset == null) {
            return null;
        }
        Object link = offset.get(OFFSET_KEY);
        return link instanceof String s && !s.isBlank() ? s : null;
    }
}
