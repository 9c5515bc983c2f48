package io.freshet.embed;

import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.ExtractedDocument;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether an extracted document needs embedding: not when the index already holds its text (same
 * content hash), nor when a newer version is already recorded (the indexer would skip it anyway).
 *
 * <p>The status record can lag behind what this service has already published: with text A indexed, B
 * published but not yet indexed, and then A again, the record still says A. So the detector also remembers
 * the last text it published per document, and calls a document unchanged only if that agrees too. After a
 * restart that memory is empty; the indexer then catches the rare contradiction and rejects the version
 * visibly rather than relabel other text.
 */
public final class ChangeDetector {

    public enum Outcome {
        /** Embed it: new or changed text, or nothing known. */
        EMBED,
        /** The index holds this text: publish a contentUnchanged event instead of chunks. */
        UNCHANGED,
        /** Older than the recorded version: publish nothing. */
        STALE
    }

    /** An outcome with the reason, for the log. */
    public record Decision(Outcome outcome, String reason) {
    }

    private record Published(long version, String contentHash) {
    }

    private final IndexedContentLookup lookup;
    private final boolean skipUnchanged;
    private final Map<String, Published> recent;

    /**
     * @param skipUnchanged  false embeds every version (for example after changing the model or the chunking)
     * @param recentDocuments how many documents' last published text to remember
     */
    public ChangeDetector(IndexedContentLookup lookup, boolean skipUnchanged, int recentDocuments) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.skipUnchanged = skipUnchanged;
        this.recent = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Published> eldest) {
                return size() > recentDocuments;
            }
        };
    }

    public Decision assess(ExtractedDocument extracted) {
        DocumentHeader document = extracted.document();
        Optional<IndexedContent> indexed = lookup.find(document.id());
        if (indexed.isEmpty()) {
            return new Decision(Outcome.EMBED, "nothing recorded for it");
        }
        IndexedContent content = indexed.get();
        if (content.version() > document.version()) {
            return new Decision(Outcome.STALE, "v" + content.version() + " is already recorded (" + content.state() + ")");
        }
        if (!skipUnchanged) {
            return new Decision(Outcome.EMBED, "change detection is off");
        }
        if (!content.holds(extracted.contentHash())) {
            return new Decision(Outcome.EMBED, "the index holds other text (" + content.state() + " v" + content.version() + ")");
        }
        Published last = lastPublished(document.id());
        if (last != null && !Objects.equals(last.contentHash(), extracted.contentHash())) {
            return new Decision(Outcome.EMBED, "v" + last.version() + " with other text is on its way to the index");
        }
        return new Decision(Outcome.UNCHANGED, "the index holds this text (" + content.state() + " v" + content.version()
                + ", " + content.chunks() + " chunks)");
    }

    /** Remembers what was published for a document version; a null hash (delete, rejection) matches no text. */
    public void published(DocumentHeader document, String contentHash) {
        synchronized (recent) {
            recent.put(document.id(), new Published(document.version(), contentHash));
        }
    }

    private Published lastPublished(String documentId) {
        synchronized (recent) {
            return recent.get(documentId);
        }
    }
}
