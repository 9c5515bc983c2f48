package io.freshet.index;

import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * index-service's stage. For a batch of events, in order: one read of the status records they need, the planner
 * deciding each event against the record as the events before it in the batch leave it, one _bulk carrying out every
 * plan, then the read model told what is recorded. Per document the order is the events' order; across documents a
 * batch costs one round trip to OpenSearch instead of three per document.
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
        return single(new IndexEvent.Embedded(event));
    }

    /** Applies another stage's verdict (REJECTED, PENDING) about a version. */
    public IndexPlan recordVerdict(DocumentStatus verdict) {
        return single(new IndexEvent.Verdict(verdict));
    }

    /** {@link #indexAll(List, EventScope)} without a context per event. */
    public List<IndexPlan> indexAll(List<IndexEvent> events) {
        return indexAll(events, EventScope.NONE);
    }

    private IndexPlan single(IndexEvent event) {
        try {
            return indexAll(List.of(event)).get(0);
        } catch (IndexingFailure e) {
            throw e.getCause();
        }
    }

    /**
     * Applies events in order.
     *
     * @param scopes the context each event's outcome is reported in (its document id and trace)
     * @return one plan per event
     * @throws IndexingFailure naming the first event not applied; the ones before it are (a version found not
     *                         indexable is recorded as REJECTED first, as {@link #index} does)
     */
    public List<IndexPlan> indexAll(List<IndexEvent> events, EventScope scopes) {
        Map<String, Optional<DocumentStatus>> records = readRecords(events);
        var steps = new ArrayList<Step>(events.size());
        for (int i = 0; i < events.size(); i++) {
            IndexEvent event = events.get(i);
            Optional<DocumentStatus> before = records.getOrDefault(event.documentId(), Optional.empty());
            IndexPlan plan;
            try {
                plan = plan(event, before);
            } catch (RuntimeException e) {
                carryOut(steps, records, scopes);
                throw failed(new Step(i, event, null, before), e, before, scopes);
            }
            steps.add(new Step(i, event, plan, before));
            if (records.containsKey(event.documentId())) {
                records.put(event.documentId(), plan.recordAfter(before));
            }
        }
        carryOut(steps, records, scopes);
        return steps.stream().map(Step::plan).toList();
    }

    /** One event's plan, the event's index in its batch and the document's record before it. */
    private record Step(int index, IndexEvent event, IndexPlan plan, Optional<DocumentStatus> before) {
    }

    private Map<String, Optional<DocumentStatus>> readRecords(List<IndexEvent> events) {
        Set<String> ids = new LinkedHashSet<>();
        for (IndexEvent event : events) {
            if (event.needsRecord()) {
                ids.add(event.documentId());
            }
        }
        Map<String, DocumentStatus> found = ids.size() == 1
                ? store.status(ids.iterator().next()).map(s -> Map.of(s.id(), s)).orElse(Map.of())
                : store.statuses(ids);
        Map<String, Optional<DocumentStatus>> records = new HashMap<>();
        ids.forEach(id -> records.put(id, Optional.ofNullable(found.get(id))));
        return records;
    }

    private IndexPlan plan(IndexEvent event, Optional<DocumentStatus> before) {
        if (event instanceof IndexEvent.Embedded embedded) {
            return planner.plan(embedded.event(), before);
        }
        return planner.planVerdict(((IndexEvent.Verdict) event).verdict(), before);
    }

    /** Sweeps where needed, one _bulk for every plan that writes, then reports them in order up to the first failure. */
    private void carryOut(List<Step> steps, Map<String, Optional<DocumentStatus>> records, EventScope scopes) {
        if (steps.isEmpty()) {
            return;
        }
        List<Step> writing = withoutSupersededPending(steps);
        List<OpenSearchIndexStore.Written> outcomes;
        try {
            store.sweepIfLeftovers(writing.stream().map(Step::plan)
                    .filter(IndexPlan.Apply.class::isInstance).map(IndexPlan.Apply.class::cast).toList());
            outcomes = store.write(writing.stream().map(Step::plan).toList());
        } catch (RuntimeException e) {
            throw new IndexingFailure(steps.get(0).index(), e); // nothing is known written: all of it again
        }
        // By identity: a step's plan holds every chunk's text and vector, not worth hashing.
        Map<Step, OpenSearchIndexStore.Written> byStep = new IdentityHashMap<>();
        for (int w = 0; w < writing.size(); w++) {
            byStep.put(writing.get(w), outcomes.get(w));
        }
        var recorded = new ArrayList<DocumentStatus>();
        IndexingFailure failure = null;
        for (Step step : steps) {
            OpenSearchIndexStore.Written written = byStep.get(step);
            if (written != null && written.failure() != null) {
                failure = failed(step, written.failure(), laterStepOf(step, steps) ? records.get(step.event().documentId())
                        : step.before(), scopes);
                break;
            }
            try (EventScope.Open ignored = scopes.open(step.index())) {
                report(step, written, recorded);
            }
        }
        try {
            feed.recordedAll(recorded);
        } catch (RuntimeException e) {
            // Written but not told: from the first event again, which a redelivery recognises as applied and tells.
            throw new IndexingFailure(steps.get(0).index(), e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * A PENDING verdict followed in the same batch by a status write of that version or a newer one is superseded: its
     * write would be overwritten in the same request.
     */
    private static List<Step> withoutSupersededPending(List<Step> steps) {
        Map<String, Long> newestStatus = new HashMap<>();
        var kept = new ArrayList<Step>(steps.size());
        for (int s = steps.size() - 1; s >= 0; s--) {
            Step step = steps.get(s);
            IndexPlan plan = step.plan();
            if (plan instanceof IndexPlan.MarkPending && newestStatus.getOrDefault(plan.documentId(), -1L) >= plan.version()) {
                continue;
            }
            if (plan.status() != null) {
                newestStatus.merge(plan.documentId(), plan.version(), Math::max);
            }
            kept.add(step);
        }
        Collections.reverse(kept);
        return kept;
    }

    private static boolean laterStepOf(Step step, List<Step> steps) {
        return steps.stream().anyMatch(s -> s.index() > step.index() && s.event().documentId().equals(step.event().documentId()));
    }

    /**
     * The failure of one event. A version found not indexable is first recorded as REJECTED with its chunks removed
     * (unless {@code record}, the document's record as the batch leaves it, shows a newer version), so nothing half
     * written or mislabelled stays searchable.
     */
    private IndexingFailure failed(Step step, RuntimeException failure, Optional<DocumentStatus> record, EventScope scopes) {
        try (EventScope.Open ignored = scopes.open(step.index())) {
            return failed(step, failure, record);
        }
    }

    private IndexingFailure failed(Step step, RuntimeException failure, Optional<DocumentStatus> record) {
        if (failure instanceof VersionNotIndexableException && step.event() instanceof IndexEvent.Embedded embedded) {
            EmbeddedDocument event = embedded.event();
            Optional<IndexPlan.Apply> rejection = planner.planFailure(event, record, failure.getMessage());
            log.warn("document {} v{}: cannot be indexed, {}: {}", event.document().id(), event.document().version(),
                    rejection.isPresent() ? "recording it as REJECTED and removing its chunks" : "a newer version is recorded",
                    failure.getMessage());
            try {
                rejection.ifPresent(plan -> {
                    store.apply(plan);
                    var recorded = new ArrayList<DocumentStatus>();
                    report(new Step(step.index(), step.event(), plan, record), new OpenSearchIndexStore.Written(plan, null, true),
                            recorded);
                    feed.recordedAll(recorded);
                });
            } catch (RuntimeException e) {
                return new IndexingFailure(step.index(), e); // recording the rejection failed: the event again, later
            }
        }
        return new IndexingFailure(step.index(), failure);
    }

    private void report(Step step, OpenSearchIndexStore.Written written, List<DocumentStatus> recorded) {
        IndexPlan plan = step.plan();
        if (plan instanceof IndexPlan.Apply apply) {
            recorded.add(apply.status());
            metrics.applied(apply.status().state(), apply.occurredAt(), clock.instant());
            log.info("document {} v{}: {} with {} chunk(s), {} surplus chunk(s) removed{}",
                    apply.documentId(), apply.version(), apply.status().state(), apply.chunks().size(),
                    apply.deletions().size(), apply.status().reason() == null ? "" : " (" + apply.status().reason() + ")");
        } else if (plan instanceof IndexPlan.UpdateHeaders update) {
            recorded.add(update.status());
            metrics.relabelled(update.occurredAt(), clock.instant());
            log.info("document {} v{}: text unchanged, {} chunk(s) moved to this version with its title, metadata and ACL",
                    update.documentId(), update.version(), update.chunkIds().size());
        } else if (plan instanceof IndexPlan.MarkPending pending) {
            if (written == null) {
                log.debug("document {} v{}: PENDING not written, a later event in the batch records the document",
                        pending.documentId(), pending.version());
            } else if (written.changed()) {
                metrics.applied(DocumentState.PENDING, null, clock.instant());
                log.info("document {} v{}: PENDING; the chunks already indexed stay searchable until it is indexed",
                        pending.documentId(), pending.version());
            } else {
                log.info("document {} v{}: PENDING verdict ignored, this version or a newer one is recorded already",
                        pending.documentId(), pending.version());
            }
        } else if (plan instanceof IndexPlan.Skip skip) {
            metrics.skipped(skip);
            if (skip.reason() == IndexPlan.SkipReason.ALREADY_APPLIED) {
                // A redelivery: the earlier attempt may have written the index but failed to publish what it recorded.
                step.before().ifPresent(recorded::add);
            }
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
