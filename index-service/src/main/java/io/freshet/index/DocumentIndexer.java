package io.freshet.index;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

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

    public IndexPlan index(EmbeddedDocument event) {
        IndexPlan plan = planner.plan(event, store.status(event.document().id()));
        carryOut(plan);
        return plan;
    }

    public IndexPlan recordVerdict(DocumentStatus verdict) {
        IndexPlan plan = planner.planRejection(verdict, store.status(verdict.id()));
        carryOut(plan);
        return plan;
    }

    private void carryOut(IndexPlan plan) {
        if (plan instanceof IndexPlan.Apply apply) {
            store.apply(apply);
            metrics.applied(apply, clock.instant());
            log.info("document {} v{}: {} with {} chunk(s), {} surplus chunk(s) removed{}",
                    apply.documentId(), apply.version(), apply.status().state(), apply.chunks().size(),
                    apply.deletions().size(), apply.status().reason() == null ? "" : " (" + apply.status().reason() + ")");
        } else if (plan instanceof IndexPlan.Skip skip) {
            metrics.skipped(skip);
            if (skip.reason() != IndexPlan.SkipReason.NOT_A_REJECTION) {
                log.info("document {} v{}: nothing to do, {} (applied version is v{})",
                        skip.documentId(), skip.version(), describe(skip.reason()), skip.indexedVersion());
            }
        }
    }

    private static String describe(IndexPlan.SkipReason reason) {
        return switch (reason) {
            case STALE -> "the event is older than what is indexed";
            case ALREADY_APPLIED -> "this version was already applied (redelivery)";
            case NOT_A_REJECTION -> "not a rejection";
        };
    }
}
