package io.freshet.index;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.failure.TransientFailureException;
import io.freshet.contract.index.ChunkIndex;
import io.freshet.contract.index.StatusIndex;
import io.freshet.pipeline.opensearch.OpenSearchCalls;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Conflicts;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.Result;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.DeleteByQueryResponse;
import org.opensearch.client.opensearch.core.DeleteResponse;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.MgetResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.get.GetResult;
import org.opensearch.client.opensearch.core.mget.MultiGetResponseItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The OpenSearch side of index-service: reads status records and carries out plans, many in one _bulk. */
public class OpenSearchIndexStore {

    private static final Logger log = LoggerFactory.getLogger(OpenSearchIndexStore.class);

    private final OpenSearchClient client;
    private final String chunkIndex;
    private final String statusIndex;
    private final OpenSearchCalls calls;
    private final PlanWrites writes;

    public OpenSearchIndexStore(OpenSearchClient client, String chunkIndex, String statusIndex, OpenSearchCalls calls) {
        this.client = client;
        this.writes = new PlanWrites(chunkIndex, statusIndex);
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
     * The status records of many documents in one request (real time, like {@link #status}); a document without a
     * record is absent from the map.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Map<String, DocumentStatus> statuses(Collection<String> documentIds) {
        if (documentIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = List.copyOf(documentIds);
        MgetResponse<Map> response = calls.call("reading the status of " + ids.size() + " document(s)",
                () -> client.mget(m -> m.index(statusIndex).ids(ids).realtime(true), Map.class));
        Map<String, DocumentStatus> records = new HashMap<>();
        for (MultiGetResponseItem<Map> item : response.docs()) {
            if (item.isFailure()) {
                throw new TransientFailureException("OpenSearch could not read the status of " + item.failure().id()
                        + ": " + item.failure().error().reason(), null);
            }
            GetResult<Map> result = item.result();
            if (result.found() && result.source() != null) {
                records.put(result.id(), StatusIndex.fromSource((Map<String, Object>) result.source()));
            }
        }
        return records;
    }

    /** Which of these chunk ids exist (one real-time multi-get, no source). */
    public Set<String> existingChunks(Collection<String> chunkIds) {
        if (chunkIds.isEmpty()) {
            return Set.of();
        }
        List<String> ids = List.copyOf(chunkIds);
        MgetResponse<Void> response = calls.call("probing " + ids.size() + " chunk id(s) for leftovers",
                () -> client.mget(m -> m.index(chunkIndex).ids(ids).realtime(true).source(src -> src.fetch(false)), Void.class));
        Set<String> found = new HashSet<>();
        for (MultiGetResponseItem<Void> item : response.docs()) {
            if (item.isFailure()) {
                throw new TransientFailureException("OpenSearch could not probe chunk " + item.failure().id() + ": "
                        + item.failure().error().reason(), null);
            }
            if (item.result().found()) {
                found.add(item.result().id());
            }
        }
        return found;
    }

    /**
     * Carries out many plans in one _bulk, each plan's operations in order (chunks, deletions, status record last).
     * Every item is checked; a plan is idempotent (deterministic ids), so one that failed transiently is re-sent whole.
     * The sweeps the plans may need ({@link #sweepIfLeftovers}) come first, from the caller.
     *
     * @return one outcome per plan, in order
     */
    public List<Written> write(List<IndexPlan> plans) {
        var operations = new ArrayList<BulkOperation>();
        int[] ends = new int[plans.size()];
        for (int p = 0; p < plans.size(); p++) {
            operations.addAll(writes.operations(plans.get(p)));
            ends[p] = operations.size();
        }
        if (operations.isEmpty()) {
            return plans.stream().map(plan -> new Written(plan, null, false)).toList();
        }
        String what = plans.size() == 1 ? "writing document " + plans.get(0).documentId() + " v" + plans.get(0).version()
                : "writing " + plans.size() + " document events";
        BulkResponse response = calls.call(what, () -> client.bulk(b -> b.operations(operations)));
        List<BulkResponseItem> items = response.items();
        var outcomes = new ArrayList<Written>(plans.size());
        int from = 0;
        for (int p = 0; p < plans.size(); p++) {
            List<BulkResponseItem> own = items.subList(from, ends[p]);
            from = ends[p];
            IndexPlan plan = plans.get(p);
            boolean changed = own.stream().anyMatch(item -> !"noop".equals(item.result()));
            outcomes.add(new Written(plan, PlanWrites.failure(plan, own), changed));
        }
        return outcomes;
    }

    /**
     * What writing one plan did.
     *
     * @param failure null when every write succeeded
     * @param changed false when every write was a no-op (a PENDING over a newer record)
     */
    public record Written(IndexPlan plan, RuntimeException failure, boolean changed) {
    }

    /** One plan on its own; a failure is thrown. */
    public void apply(IndexPlan.Apply plan) {
        sweepIfLeftovers(List.of(plan));
        Written written = write(List.<IndexPlan>of(plan)).get(0);
        if (written.failure() != null) {
            throw written.failure();
        }
    }

    /**
     * For the plans whose status record could not say how many chunks are in the index: probes (in one request) the
     * first chunk number each plan does not cover, and sweeps the documents where it exists.
     */
    public void sweepIfLeftovers(List<IndexPlan.Apply> plans) {
        Map<String, IndexPlan.Apply> byProbe = new LinkedHashMap<>();
        for (IndexPlan.Apply plan : plans) {
            if (plan.sweepOtherVersions()) {
                byProbe.put(ChunkIndex.chunkId(plan.documentId(), plan.firstChunkNotCovered()), plan);
            }
        }
        for (String probe : existingChunks(byProbe.keySet())) {
            sweepOtherVersions(byProbe.get(probe));
        }
    }

    /**
     * The status record could not say how many chunks are in the index (missing or inconsistent), and a chunk past
     * the new ones exists (chunks are numbered from 0, so an earlier, longer version leaves one there): refresh and
     * delete every chunk of the document of another version.
     */
    private void sweepOtherVersions(IndexPlan.Apply plan) {
        calls.call("refreshing " + chunkIndex, () -> client.indices().refresh(r -> r.index(chunkIndex)));
        DeleteByQueryResponse deleted = calls.call("removing other versions of " + plan.documentId(),
                () -> client.deleteByQuery(d -> d.index(chunkIndex).conflicts(Conflicts.Proceed)
                        .query(q -> q.bool(b -> b
                                .filter(f -> f.term(t -> t.field(ChunkIndex.DOCUMENT_ID).value(FieldValue.of(plan.documentId()))))
                                .mustNot(m -> m.term(t -> t.field(ChunkIndex.VERSION).value(FieldValue.of(plan.version()))))))));
        log.warn("document {} v{}: status record was missing or inconsistent; removed {} chunk(s) of other versions",
                plan.documentId(), plan.version(), deleted.deleted());
    }

    /** Sets how often the chunk index refreshes; {@code refreshNow} also makes every write so far searchable at once. */
    public void setChunkRefreshInterval(Duration interval, boolean refreshNow) {
        String value = interval.toMillis() + "ms";
        calls.call("setting the refresh interval of " + chunkIndex + " to " + value,
                () -> client.indices().putSettings(p -> p.index(chunkIndex).settings(i -> i.refreshInterval(t -> t.time(value)))));
        if (refreshNow) {
            calls.call("refreshing " + chunkIndex, () -> client.indices().refresh(r -> r.index(chunkIndex)));
        }
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
}
