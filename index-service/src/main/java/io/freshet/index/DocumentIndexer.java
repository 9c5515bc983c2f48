package io.freshet.index;

import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * index-service's stage: reads the document's status (at most once per event), lets the planner decide, has the
 * store carry the plan out, then tells the read model what is recorded and reports it.
 */
public class DocumentIndexer {

    private static final Logger log = LoggerFactory.getLogger(DocumentIndexer.class);

    private final IndexPlanner planner;
    private final OpenSearchIndexStore store;
    private final IndexedStatusFeed feed;
    private final IndexMetrics metrics;
    private final Clock clock;

    public DocumentIndexer(IndexPlanner planner, OpenSearchIndexStore store, IndexedStatusFeed feed, IndexMetrics metrics,
                           Clock clock) {
        this.planner = planner;
        this.store = store;
        this.feed = feed;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Applies an embedded document. If the version turns out not to be indexable (OpenSearch refuses a
     * write, or its text is no longer what the index holds), the document is recorded as REJECTED with the
     * reason and its chunks removed, then the exception goes on so the record is dead-lettered.
     */
    public IndexPlan index(EmbeddedDocument event) {
        Optional<DocumentStatus> current = store.status(event.document().id());
        try {
            IndexPlan plan = planner.plan(event, current);
            carryOut(plan);
            if (plan instanceof IndexPlan.Skip skip && skip.reason() == IndexPlan.SkipReason.ALREADY_APPLIED) {
                // A redelivery: the earlier attempt may have written the index but failed to publish what it recorded.
                current.ifPresent(feed::recorded);
            }
            return plan;
        } catch (VersionNotIndexableException e) {
            Optional<IndexPlan.Apply> rejection = planner.planFailure(event, current, e.getMessage());
            log.warn("document {} v{}: cannot be indexed, {}: {}", event.document().id(), event.document().version(),
                    rejection.isPresent() ? "recording it as REJECTED and removing its chunks" : "a newer version is recorded",
                    e.getMessage());
            rejection.ifPresent(this::carryOut);
            throw e;
        }
    }

    public IndexPlan recordVerdict(DocumentStatus verdict) {
        Optional<DocumentStatus> current = IndexPlanner.needsRecord(verdict) ? store.status(verdict.id()) : Optional.empty();
        IndexPlan plan = planner.planVerdict(verdict, current);
        carryOut(plan);
        return plan;
    }

    private void carryOut(IndexPlan plan) {
        if (plan instanceof IndexPlan.Apply apply) {
            store.apply(apply);
            feed.recorded(apply.status());
            metrics.applied(apply.status().state(), apply.occurredAt(), clock.instant());
            log.info("document {} v{}: {} with {} chunk(s), {} surplus chunk(s) removed{}",
                    apply.documentId(), apply.version(), apply.status().state(), apply.chunks().size(),
                    apply.deletions().size(), apply.status().reason() == null ? "" : " (" + apply.status().reason() + ")");
        } else if (plan instanceof IndexPlan.UpdateHeaders update) {
            store.updateHeaders(update);
            feed.recorded(update.status());
            metrics.relabelled(update.occurredAt(), clock.instant());
            log.info("document {} v{}: text unchanged, {} chunk(s) moved to this version with its title, metadata and ACL",
                    update.documentId(), update.version(), update.chunkIds().size());
        } else if (plan instanceof IndexPlan.MarkPending pending) {
            if (store.markPending(pending)) {
                metrics.applied(DocumentState.PENDING, null, clock.instant());
                log.info("document {} v{}: PENDING; the chunks already indexed stay searchable until it is indexed",
                        pending.documentId(), pending.version());
            } else {
                log.info("document {} v{}: PENDING verdict ignored, this version or a newer one is recorded already",
                        pending.documentId(), pending.version());
            }
        } else if (plan instanceof IndexPlan.Skip skip) {
            metrics.skipped(skip);
            if (skip.reason() != IndexPlan.SkipReason.NOT_RECORDED) {
                log.info("document {} v{}: nothing to do, {} (recorded version is v{})",
                        skip.documentId(), skip.version(), describe(skip.reason()), skip.indexedVersion());
            }
        }
    }

    private static String describe(IndexPlan.SkipReason reason) {
        return switch (reason) {
            case STALE -> "the event is older than what is recorded";
            case ALREADY_APPLIED -> "this version was already applied (redelivery)";
            case NOT_RECORDED -> "not a verdict index-service records";
            case FOREIGN_SOURCE -> "the verdict is about another source's event for this id";
        };
    }
}
