package io.freshet.embed;

import io.freshet.contract.event.DocumentHeader;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The text this instance last published per document, so that a read model lagging behind it is not trusted:
 * with text A indexed, B published but not yet indexed, and then A again, the read model still says A.
 * Bounded: the least recently used documents are forgotten (they are then embedded, which is always safe).
 */
final class PublishedTexts {

    /** A null hash (a delete, a rejection) matches no text. */
    record Published(long version, String contentHash) {
    }

    private final Map<String, Published> recent;

    PublishedTexts(int capacity) {
        this.recent = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Published> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void remember(DocumentHeader document, String contentHash) {
        recent.put(document.id(), new Published(document.version(), contentHash));
    }

    synchronized Optional<Published> last(String documentId) {
        return Optional.ofNullable(recent.get(documentId));
    }
}
