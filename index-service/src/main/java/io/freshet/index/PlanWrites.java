package io.freshet.index;

import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.failure.TransientFailureException;
import io.freshet.contract.index.StatusIndex;
import io.freshet.pipeline.opensearch.OpenSearchCalls;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.Script;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bulk operations that carry out a plan, and what the response items say about it. Many plans go in one
 * _bulk: each plan's operations are contiguous and in order (chunks, deletions, the status record last), and a
 * bulk applies the operations on one shard in request order, so a document's writes keep their order.
 */
final class PlanWrites {

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

    private final String chunkIndex;
    private final String statusIndex;

    PlanWrites(String chunkIndex, String statusIndex) {
        this.chunkIndex = chunkIndex;
        this.statusIndex = statusIndex;
    }

    /** The plan's operations in the order they must be applied; none for a skip. */
    List<BulkOperation> operations(IndexPlan plan) {
        if (plan instanceof IndexPlan.Apply apply) {
            return apply(apply);
        }
        if (plan instanceof IndexPlan.UpdateHeaders update) {
            return relabel(update);
        }
        if (plan instanceof IndexPlan.MarkPending pending) {
            return List.of(markPending(pending));
        }
        return List.of();
    }

    /**
     * What a plan's response items say: null when they all succeeded, else the failure to act on — transient (retry
     * the plan: it is idempotent) before not indexable (the version is refused).
     */
    static RuntimeException failure(IndexPlan plan, List<BulkResponseItem> items) {
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
        String document = plan.documentId() + " v" + plan.version();
        if (transientFailure != null) {
            return new TransientFailureException("OpenSearch could not write " + transientFailure.id() + " of document "
                    + document + " (HTTP " + transientFailure.status() + "): " + describe(transientFailure.error()), null);
        }
        if (rejected != null) {
            return new VersionNotIndexableException("not indexed: OpenSearch rejected " + rejected.id() + " of document "
                    + document + " (HTTP " + rejected.status() + "): " + describe(rejected.error()));
        }
        if (plan instanceof IndexPlan.UpdateHeaders update) {
            List<String> otherText = items.stream().filter(item -> "noop".equals(item.result()))
                    .map(BulkResponseItem::id).toList();
            if (!otherText.isEmpty()) {
                return new VersionNotIndexableException("not indexed: chunk(s) " + otherText + " of " + update.documentId()
                        + " do not hold content hash " + update.contentHash() + " that v" + update.version()
                        + " claims unchanged; send the document again to re-embed it");
            }
        }
        return null;
    }

    private List<BulkOperation> apply(IndexPlan.Apply plan) {
        var operations = new ArrayList<BulkOperation>(plan.chunks().size() + plan.deletions().size() + 1);
        for (ChunkDocument chunk : plan.chunks()) {
            operations.add(BulkOperation.of(b -> b.index(i -> i.index(chunkIndex).id(chunk.id()).document(chunk.source()))));
        }
        for (String id : plan.deletions()) {
            operations.add(BulkOperation.of(b -> b.delete(d -> d.index(chunkIndex).id(id))));
        }
        operations.add(statusRecord(plan.status()));
        return operations;
    }

    /** A scripted update of every chunk the record accounts for, then the status record. */
    private List<BulkOperation> relabel(IndexPlan.UpdateHeaders plan) {
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
        operations.add(statusRecord(plan.status()));
        return operations;
    }

    /** One conditional update (a scripted upsert): OpenSearch checks the version atomically with the write. */
    private BulkOperation markPending(IndexPlan.MarkPending plan) {
        Script script = Script.of(s -> s.inline(i -> i.source(MARK_PENDING_SCRIPT).params(Map.of(
                "version", JsonData.of(plan.version()),
                "source", JsonData.of(plan.source() == null ? "" : plan.source()),
                "state", JsonData.of(DocumentState.PENDING.name()),
                "updated_at", JsonData.of(plan.updatedAt().toString())))));
        Map<String, Object> upsert = StatusIndex.toSource(plan.newRecord());
        return BulkOperation.of(b -> b.update(u -> u.index(statusIndex).id(plan.documentId()).script(script)
                .upsert(upsert).retryOnConflict(3)));
    }

    private BulkOperation statusRecord(DocumentStatus status) {
        return BulkOperation.of(b -> b.index(i -> i.index(statusIndex).id(status.id()).document(StatusIndex.toSource(status))));
    }

    private static String describe(ErrorCause error) {
        String text = error.type() + ": " + error.reason();
        if (error.causedBy() != null) {
            text += " (caused by " + error.causedBy().type() + ": " + error.causedBy().reason() + ")";
        }
        return text;
    }
}
