package io.freshet.connectors.wordpress;

import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The set of published post ids as one short string for a Connect source offset: the sorted ids as deltas in base 36,
 * comma-separated ({@code 1,5,6,7,40} is {@code "1,4,1,1,x"}). WordPress numbers posts, pages, revisions and
 * attachments from one sequence, so one type's ids are sparse but close: a delta under 36 is one character, under
 * 1,296 two, so 2 to 3 bytes an id, 200 to 300 KB for 100,000 posts (WordPressCoreTest measures 200 KB), under the
 * 1 MB a record of Connect's offsets topic may be by default.
 */
final class IdSetCodec {

    private IdSetCodec() {
    }

    static String encode(NavigableSet<Long> ids) {
        StringBuilder out = new StringBuilder(ids.size() * 3);
        long previous = 0;
        for (long id : ids) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(Long.toString(id - previous, 36));
            previous = id;
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException when the text is not an encoding of ascending positive ids */
    static NavigableSet<Long> decode(String text) {
        NavigableSet<Long> ids = new TreeSet<>();
        if (text == null || text.isEmpty()) {
            return ids;
        }
        long previous = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf(',', start);
            if (end < 0) {
                end = text.length();
            }
            long delta = Long.parseLong(text, start, end, 36);
            if (delta <= 0) {
                throw new IllegalArgumentException("not an ascending id set at character " + start);
            }
            previous += delta;
            ids.add(previous);
            start = end + 1;
        }
        return ids;
    }
}
