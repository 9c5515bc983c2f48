package io.freshet.index;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.index.ChunkIndex;
import io.freshet.contract.index.StatusIndex;
import io.freshet.pipeline.opensearch.OpenSearchCalls;
import io.freshet.contract.failure.TransientFailureException;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch.core.DeleteResponse;
import org.opensearch.client.opensearch._types.Conflicts;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Result;
import org.opensearch.client.opensearch._types.Script;
import org.opensearch.client.opensearch.core.UpdateResponse;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.DeleteByQueryResponse;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.json.JsonData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The OpenSearch side of index-service: reads status records and carries out {@link IndexPlan.Apply}. */
public class OpenSearchIndexStore {

    private static final Logger log = LoggerFactory.getLogger(OpenSearchIndexStore.class);

    /**
     * Sets the new header fields on a chunk, but only if it still holds the expected text; a partial-document
     * update would merge the metadata object instead of replacing it, and could not check the text.
     */
    private static final String RELABEL_SCRIPT = """
            if (ctx._source.content_hash != params.content_hash) {
              ctx.op = 'noop';
            } else {
              ctx._source.putAll(params.set);
              for (def field : params.remove) {
                ctx._source.remove(field);
              }
            }
            """;

    /** PENDING only over an older version; the chunks and content hash of what the index holds stay. */
    private static final String MARK_PENDING_SCRIPT = """
            if (ctx._source.version >= params.version
                || (ctx._source.source != null && ctx._source.source != params.source)) {
              ctx.op = 'noop';
            } else {
              ctx._source.version = params.version;
              ctx._source.state = params.state;
              ctx._source.remove('reason');
              ctx._source.updated_at = params.updated_at;
            }
            """;

    private final OpenSearchClient client;
    private final String chunkIndex;
    private final String statusIndex;
    private final OpenSearchCalls calls;

    public OpenSearchIndexStore(OpenSearchClient client, String chunkIndex, String statusIndex, OpenSearchCalls calls) {
        this.client = client;
        this.chunkIndex = chunkIndex;
        this.statusIndex = statusIndex;
        this.calls = calls;
    }

    /** The document's status record, read in real time (a GET sees the last write without a refresh). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Optional<DocumentStatus> status(String documentId) {
        GetResponse<Map> response = calls.call("reading the status of " + documentId,
                () -> client.get(g -> g.index(statusIndex).id(documentId).realtime(true), Map.class));
        if (!response.found() || response.source() == null) {
            return Optional.empty();
        }
        return Optional.of(StatusIndex.fromSource((Map<String, Object>) response.source()));
    }

    /**
     * One _bulk: chunks first, deletions of surplus chunks, the status record last. Every item is checked;
     * the plan is idempotent (deterministic ids), so after a transient failure the whole plan is re-sent.
     */
    public void apply(IndexPlan.Apply plan) {
        if (plan.sweepOtherVersions()) {
            sweepOtherVersions(plan);
        }
        var operations = new ArrayList<BulkOperation>(plan.chunks().size() + plan.deletions().size() + 1);
        for (ChunkDocument chunk : plan.chunks()) {
            operations.add(BulkOperation.of(b -> b.index(i -> i.index(chunkIndex).id(chunk.id()).document(chunk.source()))));
        }
        for (String id : plan.deletions()) {
            operations.add(BulkOperation.of(b -> b.delete(d -> d.index(chunkIndex).id(id))));
        }
        DocumentStatus status = plan.status();
        operations.add(BulkOperation.of(b -> b.index(i -> i.index(statusIndex).id(status.id()).document(StatusIndex.toSource(status)))));

        String what = "writing document " + plan.documentId() + " v" + plan.version();
        BulkResponse response = calls.call(what, () -> client.bulk(b -> b.operations(operations)));
        if (response.errors()) {
            checkItems(plan.documentId(), plan.version(), response.items());
        }
    }

    /**
     * One conditional update of the status record (a scripted upsert): no read, and OpenSearch applies the
     * version check atomically with the write.
     *
     * @return true when the record became PENDING, false when it already held this version or a newer one
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public boolean markPending(IndexPlan.MarkPending plan) {
        var status = new DocumentStatus(plan.documentId(), plan.version(), DocumentState.PENDING, 0, null, null,
                plan.updatedAt(), plan.source(), plan.acl());
        Script script = Script.of(s -> s.inline(i -> i.source(MARK_PENDING_SCRIPT).params(Map.of(
                "version", JsonData.of(plan.version()),
                "source", JsonData.of(plan.source() == null ? "" : plan.source()),
                "state", JsonData.of(DocumentState.PENDING.name()),
                "updated_at", JsonData.of(plan.updatedAt().toString())))));
        UpdateResponse<Map> response = calls.call("marking document " + plan.documentId() + " v" + plan.version() + " PENDING",
                () -> client.update(u -> u.index(statusIndex).id(plan.documentId()).script(script)
                        .upsert(StatusIndex.toSource(status)).retryOnConflict(3), Map.class));
        return response.result() != Result.NoOp;
    }

    /**
     * One _bulk: a scripted update of every chunk the record accounts for, then the status record. A chunk
     * that is missing or holds other text fails the plan (nothing is relabelled to claim text it lacks).
     */
    public void updateHeaders(IndexPlan.UpdateHeaders plan) {
        // The client leaves null values out of JSON, so the fields to remove travel as a list of names.
        Map<String, Object> set = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        plan.fields().forEach((field, value) -> {
            if (value == null) {
                remove.add(field);
            } else {
                set.put(field, value);
            }
        });
        Script script = Script.of(s -> s.inline(i -> i.source(RELABEL_SCRIPT).params(Map.of(
                "content_hash", JsonData.of(plan.contentHash()),
                "set", JsonData.of(set),
                "remove", JsonData.of(remove)))));
        var operations = new ArrayList<BulkOperation>(plan.chunkIds().size() + 1);
        for (String id : plan.chunkIds()) {
            operations.add(BulkOperation.of(b -> b.update(u -> u.index(chunkIndex).id(id).script(script))));
        }
        DocumentStatus status = plan.status();
        operations.add(BulkOperation.of(b -> b.index(i -> i.index(statusIndex).id(status.id()).document(StatusIndex.toSource(status)))));

        String what = "relabelling document " + plan.documentId() + " v" + plan.version();
        BulkResponse response = calls.call(what, () -> client.bulk(b -> b.operations(operations)));
        if (response.errors()) {
            checkItems(plan.documentId(), plan.version(), response.items());
        }
        List<String> otherText = response.items().stream()
                .filter(item -> "noop".equals(item.result())).map(BulkResponseItem::id).toList();
        if (!otherText.isEmpty()) {
            throw new VersionNotIndexableException("not indexed: chunk(s) " + otherText + " of " + plan.documentId()
                    + " do not hold content hash " + plan.contentHash() + " that v" + plan.version()
                    + " claims unchanged; send the document again to re-embed it");
        }
    }

    /**
     * The status record could not say how many chunks are in the index (missing or inconsistent). Stale
     * chunks are found cheaply first: chunks are numbered from 0, so any earlier, longer version left the
     * chunk just past the new ones. Only then does it refresh and delete by query.
     */
    private void sweepOtherVersions(IndexPlan.Apply plan) {
        String probe = ChunkIndex.chunkId(plan.documentId(), plan.firstChunkNotCovered());
        boolean leftover = calls.call("probing leftovers of " + plan.documentId(),
                () -> client.exists(e -> e.index(chunkIndex).id(probe)).value());
        if (!leftover) {
            return;
        }
        calls.call("refreshing " + chunkIndex, () -> client.indices().refresh(r -> r.index(chunkIndex)));
        DeleteByQueryResponse deleted = calls.call("removing other versions of " + plan.documentId(),
                () -> client.deleteByQuery(d -> d.index(chunkIndex).conflicts(Conflicts.Proceed)
                        .query(q -> q.bool(b -> b
                                .filter(f -> f.term(t -> t.field(ChunkIndex.DOCUMENT_ID).value(FieldValue.of(plan.documentId()))))
                                .mustNot(m -> m.term(t -> t.field(ChunkIndex.VERSION).value(FieldValue.of(plan.version()))))))));
        log.warn("document {} v{}: status record was missing or inconsistent; removed {} chunk(s) of other versions",
                plan.documentId(), plan.version(), deleted.deleted());
    }

    /**
     * Forgets a document: every chunk of it (any version) and its status record. The operator's reset; the pipeline
     * itself never forgets a document (a deletion keeps a DELETED record as the guard against older events).
     *
     * @return the chunks removed, and whether a status record was there
     */
    public Forgotten forget(String documentId) {
        calls.call("refreshing " + chunkIndex, () -> client.indices().refresh(r -> r.index(chunkIndex)));
        DeleteByQueryResponse chunks = calls.call("removing every chunk of " + documentId,
                () -> client.deleteByQuery(d -> d.index(chunkIndex).conflicts(Conflicts.Proceed).refresh(Refresh.True)
                        .query(q -> q.term(t -> t.field(ChunkIndex.DOCUMENT_ID).value(FieldValue.of(documentId))))));
        DeleteResponse record = calls.call("removing the status record of " + documentId,
                () -> client.delete(d -> d.index(statusIndex).id(documentId).refresh(Refresh.True)));
        return new Forgotten(chunks.deleted() == null ? 0 : chunks.deleted(), record.result() == Result.Deleted);
    }

    public record Forgotten(long chunks, boolean hadRecord) {
    }

    private static void checkItems(String documentId, long version, List<BulkResponseItem> items) {
        BulkResponseItem transientFailure = null;
        BulkResponseItem rejected = null;
        for (BulkResponseItem item : items) {
            ErrorCause error = item.error();
            if (error == null) {
                continue; // a delete of an absent chunk is a 404 without an error: nothing to remove is fine
            }
            if (OpenSearchCalls.isTransient(item.status(), error)) {
                transientFailure = transientFailure == null ? item : transientFailure;
            } else {
                rejected = rejected == null ? item : rejected;
            }
        }
        if (transientFailure != null) {
            throw new TransientFailureException("OpenSearch could not write " + transientFailure.id() + " of document "
                    + documentId + " v" + version + " (HTTP " + transientFailure.status() + "): "
                    + describe(transientFailure.error()), null);
        }
        if (rejected != null) {
            throw new VersionNotIndexableException("not indexed: OpenSearch rejected " + rejected.id() + " of document "
                    + documentId + " v" + version + " (HTTP " + rejected.status() + "): " + describe(rejected.error()));
        }
    }

    private static String describe(ErrorCause error) {
        String text = error.type() + ": " + error.reason();
        if (error.causedBy() != null) {
            text += " (caused by " + error.causedBy().type() + ": " + error.causedBy().reason() + ")";
        }
        return text;
    }
}
