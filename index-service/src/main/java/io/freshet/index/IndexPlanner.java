package io.freshet.index;

import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedChunk;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.index.ChunkIndex;
import io.freshet.contract.failure.PoisonEventException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what an event does to the index, given the document's current status record. Pure: no I/O.
 *
 * <p>Rules: an event whose version is older than the applied one changes nothing. The same version again
 * is a redelivery and changes nothing, unless the earlier attempt did not finish (the record is still
 * PENDING). A newer upsert replaces all chunks of the document: chunk n gets id
 * {@code ChunkIndex.chunkId(id, n)}, and chunks n &ge; the previous count are deleted by id, so a document
 * that shrinks leaves nothing stale. An upsert whose text is unchanged keeps the chunks and moves them to
 * the new version with the new header. A delete removes every chunk and keeps a DELETED status as a
 * tombstone, so an older upsert arriving later is recognised as stale.
 *
 * <p>A PENDING verdict (ingest accepted a newer version) changes only the record's state and version, and only
 * if the version is newer than the recorded one: its {@code chunks} and {@code contentHash} still describe what
 * the chunk index holds, which is what the next version's shrink-deletion and change detection need. That
 * condition is part of the plan ({@link IndexPlan.MarkPending}) and checked by OpenSearch as it writes, so a
 * PENDING verdict costs one write and no read.
 *
 * <p>A document belongs to the source that first published it; another source's events for its id are refused
 * (dead-lettered with the reason), and another source's verdicts ignored, so one connector cannot overwrite, delete or
 * out-version another's documents.
 */
public final class IndexPlanner {

    public static final String NO_TEXT = "no text: nothing to index";
    static final String UNSPECIFIED_REJECTION = "rejected by the pipeline (no reason given)";

    private final int dimensions;
    private final Clock clock;

    public IndexPlanner(int dimensions, Clock clock) {
        this.dimensions = dimensions;
        this.clock = clock;
    }

    public IndexPlan plan(EmbeddedDocument event, Optional<DocumentStatus> current) {
        DocumentHeader document = event.document();
        String id = document.id();
        long version = document.version();

        if (current.isPresent()) {
            DocumentStatus applied = current.get();
            requireSameSource(document, applied);
            if (version < applied.version()) {
                return new IndexPlan.Skip(id, version, IndexPlan.SkipReason.STALE, applied.version());
            }
            if (version == applied.version() && alreadyApplied(event, applied)) {
                return new IndexPlan.Skip(id, version, IndexPlan.SkipReason.ALREADY_APPLIED, applied.version());
            }
        }
        int previousChunks = current.map(DocumentStatus::chunks).orElse(0);
        boolean sweep = needsSweep(current);
        Instant now = clock.instant();

        if (document.isDelete()) {
            // Whoever could read the document may still see that it was deleted: the delete event rarely carries an ACL.
            var status = new DocumentStatus(id, version, DocumentState.DELETED, 0, null, null, now, document.source(),
                    current.map(DocumentStatus::acl).orElse(document.acl()));
            return new IndexPlan.Apply(id, version, List.of(), chunkIds(id, 0, previousChunks), status, sweep,
                    document.occurredAt());
        }
        if (event.contentUnchanged()) {
            return planUnchanged(event, current, now);
        }
        if (event.chunks().isEmpty()) {
            // The current version has no text: keeping the old chunks would answer from a document that no longer says that.
            var status = new DocumentStatus(id, version, DocumentState.REJECTED, 0, NO_TEXT, event.contentHash(), now,
                    document.source(), document.acl());
            return new IndexPlan.Apply(id, version, List.of(), chunkIds(id, 0, previousChunks), status, sweep,
                    document.occurredAt());
        }

        List<EmbeddedChunk> chunks = validChunks(event);
        var documents = new ArrayList<ChunkDocument>(chunks.size());
        for (EmbeddedChunk chunk : chunks) {
            documents.add(chunkDocument(event, chunk, now));
        }
        var status = new DocumentStatus(id, version, DocumentState.INDEXED, chunks.size(), null, event.contentHash(), now,
                document.source(), document.acl());
        return new IndexPlan.Apply(id, version, documents, chunkIds(id, chunks.size(), previousChunks), status, sweep,
                document.occurredAt());
    }

    /** True when planning the verdict needs the document's status record; a PENDING verdict is a conditional write. */
    public static boolean needsRecord(DocumentStatus verdict) {
        return verdict.state() == DocumentState.REJECTED;
    }

    /**
     * A verdict of another stage on the status topic: REJECTED (the version cannot be indexed: its older
     * chunks go, because the document no longer says what they say) or PENDING (ingest accepted a newer
     * version). INDEXED and DELETED are index-service's own to record and are ignored here. {@code current}
     * is read only when {@link #needsRecord} says so, else empty.
     */
    public IndexPlan planVerdict(DocumentStatus verdict, Optional<DocumentStatus> current) {
        return switch (verdict.state()) {
            case REJECTED -> planRejection(verdict, current);
            case PENDING -> new IndexPlan.MarkPending(verdict.id(), verdict.version(), clock.instant(), verdict.source(),
                    verdict.acl());
            case INDEXED, DELETED -> new IndexPlan.Skip(verdict.id(), verdict.version(), IndexPlan.SkipReason.NOT_RECORDED,
                    current.map(DocumentStatus::version).orElse(-1L));
        };
    }

    /**
     * What to write when a version turned out not to be indexable after the plan for it was made (see
     * {@link VersionNotIndexableException}): a REJECTED record with the reason, and every chunk the old
     * record or the event could have written removed. Empty when the event is a delete or no longer the
     * newest version, so a late failure never overrules a newer state.
     */
    public Optional<IndexPlan.Apply> planFailure(EmbeddedDocument event, Optional<DocumentStatus> current, String reason) {
        DocumentHeader document = event.document();
        if (document.isDelete() || !supersedes(document.version(), current)) {
            return Optional.empty();
        }
        int written = Math.max(current.map(DocumentStatus::chunks).orElse(0), event.chunks().size());
        var status = new DocumentStatus(document.id(), document.version(), DocumentState.REJECTED, 0, reason, null,
                clock.instant(), document.source(), document.acl());
        return Optional.of(new IndexPlan.Apply(document.id(), document.version(), List.of(),
                chunkIds(document.id(), 0, written), status, needsSweep(current), null));
    }

    private IndexPlan planRejection(DocumentStatus verdict, Optional<DocumentStatus> current) {
        String id = verdict.id();
        long version = verdict.version();
        if (current.isPresent() && current.get().belongsToAnotherSource(verdict.source())) {
            return new IndexPlan.Skip(id, version, IndexPlan.SkipReason.FOREIGN_SOURCE, current.get().version());
        }
        if (!supersedes(version, current)) {
            return skipOlderOrEqual(id, version, current.orElseThrow());
        }
        int previousChunks = current.map(DocumentStatus::chunks).orElse(0);
        String reason = verdict.reason() == null || verdict.reason().isBlank() ? UNSPECIFIED_REJECTION : verdict.reason();
        var status = new DocumentStatus(id, version, DocumentState.REJECTED, 0, reason, null, clock.instant(),
                verdict.source(), verdict.acl() != null ? verdict.acl() : current.map(DocumentStatus::acl).orElse(null));
        return new IndexPlan.Apply(id, version, List.of(), chunkIds(id, 0, previousChunks), status,
                needsSweep(current), null);
    }

    /**
     * A document belongs to the source that first published it: each source numbers its own versions, so an event
     * of another source (a connector publishing under someone else's id, with any version) must not count. Only an
     * operator's reset (docs/operations.md) frees the id.
     */
    private static void requireSameSource(DocumentHeader document, DocumentStatus applied) {
        if (applied.belongsToAnotherSource(document.source())) {
            throw new PoisonEventException("document '" + document.id() + "' belongs to source '" + applied.source()
                    + "'; an event of source '" + document.source() + "' may not change it (an operator can reset the"
                    + " document: docs/operations.md)");
        }
    }

    private static IndexPlan.Skip skipOlderOrEqual(String id, long version, DocumentStatus applied) {
        var reason = version < applied.version() ? IndexPlan.SkipReason.STALE : IndexPlan.SkipReason.ALREADY_APPLIED;
        return new IndexPlan.Skip(id, version, reason, applied.version());
    }

    /** A version may change the record if it is newer, or the same version that is still PENDING. */
    private static boolean supersedes(long version, Optional<DocumentStatus> current) {
        if (current.isEmpty()) {
            return true;
        }
        DocumentStatus applied = current.get();
        return version > applied.version() || version == applied.version() && applied.state() == DocumentState.PENDING;
    }

    /**
     * embed-service did not embed this version because the index holds its text. It only says so when the
     * record shows those chunks (INDEXED, or PENDING carrying them); if the record says otherwise now (the
     * text changed under an event in flight), relabelling the chunks would put other text under this version.
     */
    private IndexPlan planUnchanged(EmbeddedDocument event, Optional<DocumentStatus> current, Instant now) {
        DocumentHeader document = event.document();
        DocumentStatus applied = current.filter(record -> record.holdsText(event.contentHash()))
                .orElseThrow(() -> new VersionNotIndexableException("not indexed: embed-service reported the text of "
                        + document.id() + " v" + document.version() + " unchanged (content hash " + event.contentHash()
                        + "), but the index now holds " + describe(current) + "; send the document again to re-embed it"));
        var status = new DocumentStatus(document.id(), document.version(), DocumentState.INDEXED, applied.chunks(), null,
                event.contentHash(), now, document.source(), document.acl());
        return new IndexPlan.UpdateHeaders(document.id(), document.version(), chunkIds(document.id(), 0, applied.chunks()),
                headerFields(document, now), event.contentHash(), status, document.occurredAt());
    }

    private static String describe(Optional<DocumentStatus> current) {
        return current.map(r -> r.state() + " v" + r.version() + " with " + r.chunks() + " chunk(s) of content hash "
                + r.contentHash()).orElse("no record of the document");
    }

    private static boolean alreadyApplied(EmbeddedDocument event, DocumentStatus applied) {
        return switch (applied.state()) {
            case DELETED -> true; // a tombstone: nothing of that version may come back
            case INDEXED -> !event.document().isDelete();
            // a redelivered text-less version: recorded already, and its chunks are gone
            case REJECTED -> !event.document().isDelete() && !event.contentUnchanged() && event.chunks().isEmpty();
            case PENDING -> false;
        };
    }

    /**
     * Without a trustworthy record the chunk count of what is in the index is unknown, so surplus chunks
     * cannot all be found by id. INDEXED, DELETED and REJECTED records are written only after their chunk
     * writes succeeded, so they are trusted. A PENDING record carries the count of the version before it,
     * but it may have been written over a lost or unfinished record, so the writer probes past it.
     */
    private static boolean needsSweep(Optional<DocumentStatus> current) {
        return current.map(s -> s.state() == DocumentState.PENDING).orElse(true);
    }

    private List<EmbeddedChunk> validChunks(EmbeddedDocument event) {
        String id = event.document().id();
        List<EmbeddedChunk> chunks = event.chunks().stream()
                .sorted(Comparator.comparingInt(EmbeddedChunk::number))
                .toList();
        for (int n = 0; n < chunks.size(); n++) {
            EmbeddedChunk chunk = chunks.get(n);
            if (chunk.number() != n) {
                throw new PoisonEventException("document " + id + " v" + event.document().version()
                        + ": chunk numbers must be 0.." + (chunks.size() - 1) + " without gaps or repeats, found " + chunk.number());
            }
            if (chunk.text() == null) {
                throw new PoisonEventException("document " + id + " chunk " + n + " has no text");
            }
            if (chunk.vector() == null || chunk.vector().length != dimensions) {
                int got = chunk.vector() == null ? 0 : chunk.vector().length;
                throw new PoisonEventException("document " + id + " chunk " + n + " has a " + got
                        + "-dimension vector (model " + event.model() + "), the index expects " + dimensions);
            }
        }
        return chunks;
    }

    private static ChunkDocument chunkDocument(EmbeddedDocument event, EmbeddedChunk chunk, Instant now) {
        DocumentHeader document = event.document();
        String chunkId = ChunkIndex.chunkId(document.id(), chunk.number());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put(ChunkIndex.CHUNK_ID, chunkId);
        source.put(ChunkIndex.DOCUMENT_ID, document.id());
        source.put(ChunkIndex.CHUNK_NUMBER, chunk.number());
        source.put(ChunkIndex.TEXT, chunk.text());
        source.put(ChunkIndex.EMBEDDING, chunk.vector());
        putIfPresent(source, ChunkIndex.PAGE, chunk.page());
        putIfPresent(source, ChunkIndex.ORIGIN, chunk.origin());
        putIfPresent(source, ChunkIndex.CONTENT_HASH, event.contentHash());
        headerFields(document, now).forEach((field, value) -> putIfPresent(source, field, value));
        return new ChunkDocument(chunkId, source);
    }

    /**
     * The fields every chunk of a version shares, from its header. An absent value is null here (and left
     * out of a new chunk), so that relabelling an existing chunk removes a title or url the new version lacks.
     */
    private static Map<String, Object> headerFields(DocumentHeader document, Instant now) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(ChunkIndex.VERSION, document.version());
        fields.put(ChunkIndex.SOURCE, document.source());
        fields.put(ChunkIndex.TITLE, document.title());
        fields.put(ChunkIndex.URL, document.url());
        fields.put(ChunkIndex.CONTENT_TYPE, document.contentType());
        fields.put(ChunkIndex.METADATA, document.metadata().isEmpty() ? null : document.metadata());
        fields.put(ChunkIndex.ACL_PUBLIC, document.acl().isPublic());
        fields.put(ChunkIndex.ACL_PRINCIPALS, document.acl().principals());
        fields.put(ChunkIndex.EVENT_TIME, document.occurredAt() == null ? null : document.occurredAt().toString());
        fields.put(ChunkIndex.INDEXED_AT, now.toString());
        return fields;
    }

    private static void putIfPresent(Map<String, Object> source, String field, Object value) {
        if (value != null) {
            source.put(field, value);
        }
    }

    private static List<String> chunkIds(String documentId, int fromInclusive, int toExclusive) {
        var ids = new ArrayList<String>();
        for (int n = fromInclusive; n < toExclusive; n++) {
            ids.add(ChunkIndex.chunkId(documentId, n));
        }
        return ids;
    }
}
