package io.freshet.index;

import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/** Reads the document's status, lets the planner decide, writes the plan, reports it. */
public class DocumentIndexer {

    private static final Logger log = LoggerFactory.getLogger(DocumentIndexer.class);

    private final IndexPlanner planner;
    private final OpenSearchIndexStore store;
    private final IndexMetrics metrics;
    private final Clock clock;

    public DocumentIndexer(IndexPlanner planner, OpenSearchIndexStore store, IndexMetrics metrics, Clock clock) {
        this.planner = planner;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Applies an embedded document. If the version turns out not to be indexable (OpenSearch refuses a
     * write, or its text is no longer what the index holds), the document is recorded as REJECTED with the
     * reason and its chunks removed, then the exception goes on so the record is dead-lettered.
     */
    public IndexPlan index(EmbeddedDocument event) {
        Optional<StatusRecord> current = store.status(event.document().id());
        try {
            IndexPlan plan = planner.plan(event, current);
            carryOut(plan);
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
        IndexPlan plan = planner.planVerdict(verdict, store.status(verdict.id()));
        carryOut(plan);
        return plan;
    }

    private void carryOut(IndexPlan plan) {
        if (plan instanceof IndexPlan.Apply apply) {
            store.apply(apply);
            metrics.applied(apply.status().state(), apply.occurredAt(), clock.instant());
            if (apply.status().state() == DocumentState.PENDING) {
                log.info("document {} v{}: PENDING; the {} chunk(s) already indexed stay searchable until it is indexed",
                        apply.documentId(), apply.version(), apply.status().chunks());
            } else {
                log.info("document {} v{}: {} with {} chunk(s), {} surplus chunk(s) removed{}",
                        apply.documentId(), apply.version(), apply.status().state(), apply.chunks().size(),
                        apply.deletions().size(), apply.status().reason() == null ? "" : " (" + apply.status().reason() + ")");
            }
        } else if (plan instanceof IndexPlan.UpdateHeaders update) {
            store.updateHeaders(update);
            metrics.relabelled(update.occurredAt(), clock.instant());
            log.info("document {} v{}: text unchanged, {} chunk(s) moved to this version with its title, metadata and ACL",
                    update.documentId(), update.version(), update.chunkIds().size());
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
        };
    }
}
