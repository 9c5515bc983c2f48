package io.freshet.index;

import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedChunk;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.index.ChunkIndex;
import io.freshet.contract.pipeline.PoisonEventException;

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
 * is a redelivery and changes nothing, unless the earlier attempt did not finish (state not yet the one
 * this event leads to). A newer upsert replaces all chunks of the document: chunk n gets id
 * {@code ChunkIndex.chunkId(id, n)}, and chunks n &ge; the new count are deleted by id, so a document that
 * shrinks leaves nothing stale. A delete removes every chunk and keeps a DELETED status as a tombstone,
 * so an older upsert arriving later is recognised as stale.
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

    public IndexPlan plan(EmbeddedDocument event, Optional<StatusRecord> current) {
        DocumentHeader document = event.document();
        String id = document.id();
        long version = document.version();

        if (current.isPresent()) {
            StatusRecord applied = current.get();
            if (version < applied.version()) {
                return new IndexPlan.Skip(id, version, IndexPlan.SkipReason.STALE, applied.version());
            }
            if (version == applied.version() && alreadyApplied(event, applied)) {
                return new IndexPlan.Skip(id, version, IndexPlan.SkipReason.ALREADY_APPLIED, applied.version());
            }
        }
        int previousChunks = current.map(StatusRecord::chunks).orElse(0);
        boolean sweep = needsSweep(current);
        Instant now = clock.instant();

        if (document.isDelete()) {
            var status = new StatusRecord(id, version, DocumentState.DELETED, 0, null, null, now);
            return new IndexPlan.Apply(id, version, List.of(), chunkIds(id, 0, previousChunks), status, sweep,
                    document.occurredAt());
        }
        if (event.chunks().isEmpty()) {
            // The current version has no text: keeping the old chunks would answer from a document that no longer says that.
            var status = new StatusRecord(id, version, DocumentState.REJECTED, 0, NO_TEXT, event.contentHash(), now);
            return new IndexPlan.Apply(id, version, List.of(), chunkIds(id, 0, previousChunks), status, sweep,
                    document.occurredAt());
        }

        List<EmbeddedChunk> chunks = validChunks(event);
        var documents = new ArrayList<ChunkDocument>(chunks.size());
        for (EmbeddedChunk chunk : chunks) {
            documents.add(chunkDocument(event, chunk, now));
        }
        var status = new StatusRecord(id, version, DocumentState.INDEXED, chunks.size(), null, event.contentHash(), now);
        return new IndexPlan.Apply(id, version, documents, chunkIds(id, chunks.size(), previousChunks), status, sweep,
                document.occurredAt());
    }

    /**
     * A stage rejected a version (for example an encrypted file): if it is newer than what is indexed, the
     * old chunks go too, because the document no longer says what they say.
     */
    public IndexPlan planRejection(DocumentStatus verdict, Optional<StatusRecord> current) {
        String id = verdict.id();
        long version = verdict.version();
        if (verdict.state() != DocumentState.REJECTED) {
            return new IndexPlan.Skip(id, version, IndexPlan.SkipReason.NOT_A_REJECTION,
                    current.map(StatusRecord::version).orElse(-1L));
        }
        if (current.isPresent() && version <= current.get().version()) {
            long applied = current.get().version();
            var reason = version < applied ? IndexPlan.SkipReason.STALE : IndexPlan.SkipReason.ALREADY_APPLIED;
            return new IndexPlan.Skip(id, version, reason, applied);
        }
        int previousChunks = current.map(StatusRecord::chunks).orElse(0);
        String reason = verdict.reason() == null || verdict.reason().isBlank() ? UNSPECIFIED_REJECTION : verdict.reason();
        var status = new StatusRecord(id, version, DocumentState.REJECTED, 0, reason, null, clock.instant());
        return new IndexPlan.Apply(id, version, List.of(), chunkIds(id, 0, previousChunks), status,
                needsSweep(current), null);
    }

    private static boolean alreadyApplied(EmbeddedDocument event, StatusRecord applied) {
        if (applied.state() == DocumentState.DELETED) {
            return true; // a tombstone: nothing of that version may come back
        }
        return !event.document().isDelete() && applied.state() == DocumentState.INDEXED;
    }

    /**
     * Without a trustworthy record the chunk count of what is in the index is unknown, so surplus chunks
     * cannot be found by id. INDEXED, DELETED and REJECTED records are written only after their chunk
     * writes succeeded, so they are trusted; a missing or PENDING/unknown record is not.
     */
    private static boolean needsSweep(Optional<StatusRecord> current) {
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
        source.put(ChunkIndex.VERSION, document.version());
        putIfPresent(source, ChunkIndex.SOURCE, document.source());
        putIfPresent(source, ChunkIndex.TITLE, document.title());
        putIfPresent(source, ChunkIndex.URL, document.url());
        putIfPresent(source, ChunkIndex.CONTENT_TYPE, document.contentType());
        source.put(ChunkIndex.CHUNK_NUMBER, chunk.number());
        source.put(ChunkIndex.TEXT, chunk.text());
        source.put(ChunkIndex.EMBEDDING, chunk.vector());
        if (!document.metadata().isEmpty()) {
            source.put(ChunkIndex.METADATA, document.metadata());
        }
        source.put(ChunkIndex.ACL_PUBLIC, document.acl().isPublic());
        source.put(ChunkIndex.ACL_PRINCIPALS, document.acl().principals());
        putIfPresent(source, ChunkIndex.PAGE, chunk.page());
        putIfPresent(source, ChunkIndex.ORIGIN, chunk.origin());
        putIfPresent(source, ChunkIndex.CONTENT_HASH, event.contentHash());
        if (document.occurredAt() != null) {
            source.put(ChunkIndex.EVENT_TIME, document.occurredAt().toString());
        }
        source.put(ChunkIndex.INDEXED_AT, now.toString());
        return new ChunkDocument(chunkId, source);
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
