package io.freshet.connectors.wordpress;

import io.freshet.connectors.ChangeRecords;
import io.freshet.connectors.RetryPause;
import io.freshet.connectors.http.SourceRefusedException;
import io.freshet.connectors.http.SourceUnavailableException;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.failure.PoisonEventException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Keeps the post types of one site in step, one request per {@link #step()}: each type's change feed (posts modified
 * since the last one passed, oldest first), and once the feed has caught up, every reconciliation interval, a
 * {@link ReconcileRun}. A failure pauses every request (Retry-After honoured); an outage never deletes anything and
 * never fails the task.
 */
final class WordPressSync {

    private static final Logger log = LoggerFactory.getLogger(WordPressSync.class);
    private static final Duration UNTRUSTED_RETRY = Duration.ofMinutes(5);

    private final WordPressClient client;
    private final ChangeRecords records;
    private final PostMapper mapper;
    private final String site;
    private final List<TypeSync> types;
    private final RetryPause pause;
    private final Duration slowRetry;
    private final Duration pollInterval;
    private final Duration reconcileInterval;
    private final boolean authenticated;
    private final int pageSize;
    private final LongSupplier nanoTime;
    private final Supplier<Instant> clock;
    private int next;
    private long skippedPosts;

    WordPressSync(WordPressClient client, ChangeRecords records, PostMapper mapper, String site, List<TypeSync> types,
                  WordPressConfig config, LongSupplier nanoTime, Supplier<Instant> clock) {
        this.client = client;
        this.records = records;
        this.mapper = mapper;
        this.site = site;
        this.types = types;
        this.pause = new RetryPause(config.retryBackoff(), config.retryBackoffMax());
        this.slowRetry = config.retryBackoffMax();
        this.pollInterval = config.pollInterval();
        this.reconcileInterval = config.reconcileInterval();
        this.authenticated = config.hasCredentials();
        this.pageSize = config.pageSize();
        this.nanoTime = nanoTime;
        this.clock = clock;
    }

    /** How long until a step has something to do: zero when it has now. */
    Duration idle() {
        Duration paused = pause.remaining();
        if (!paused.isZero()) {
            return paused;
        }
        long now = nanoTime.getAsLong();
        long soonest = Long.MAX_VALUE;
        for (TypeSync type : types) {
            soonest = Math.min(soonest, type.dueAt());
        }
        return soonest <= now ? Duration.ZERO : Duration.ofNanos(soonest - now);
    }

    /** One request for the first type with work due; the records it produced (often none). */
    List<SourceRecord> step() {
        long now = nanoTime.getAsLong();
        for (int i = 0; i < types.size(); i++) {
            TypeSync type = types.get((next + i) % types.size());
            if (type.dueAt() <= now) {
                next = (next + i + 1) % types.size();
                return stepOf(type, now);
            }
        }
        return List.of();
    }

    private List<SourceRecord> stepOf(TypeSync type, long now) {
        try {
            List<SourceRecord> out = type.run() != null ? reconcileStep(type)
                    : type.reconcileDue(now) ? startReconcile(type) : feedStep(type);
            pause.succeeded();
            return out;
        } catch (SourceUnavailableException e) {
            abandonReconcile(type, e.getMessage());
            Duration wait = pause.failed(e.retryAfter());
            log.warn("WordPress site {} is unavailable ({}); asking again in {} s (failure {} in a row)", site,
                    e.getMessage(), wait.toSeconds(), pause.failures());
        } catch (SourceRefusedException e) {
            abandonReconcile(type, e.getMessage());
            Duration wait = pause.failed(Optional.of(slowRetry));
            if ((e.status() == 401 || e.status() == 403) && authenticated) {
                log.error("WordPress site {} refused the connector's credentials ({}): check {} and the application "
                        + "password in {} (revoked? the user no longer an Editor?); asking again in {} s", site,
                        e.getMessage(), WordPressConfig.USERNAME, WordPressConfig.PASSWORD, wait.toSeconds());
            } else if (e.status() == 401 || e.status() == 403) {
                log.error("WordPress site {} refused an anonymous request ({}): its REST API is closed to anonymous "
                        + "callers (a security plugin?); set {} and {}; asking again in {} s", site, e.getMessage(),
                        WordPressConfig.USERNAME, WordPressConfig.PASSWORD, wait.toSeconds());
            } else {
                log.error("WordPress site {} refused a request for '{}' ({}): check {} (WordPress 5.7 or later, the "
                        + "post type's REST base with show_in_rest); asking again in {} s", site, type.type(),
                        e.getMessage(), WordPressConfig.POST_TYPES, wait.toSeconds());
            }
        } catch (RuntimeException e) {
            // A post without an id, a body not in WordPress's shape: the site's problem, retried slowly, logged loud.
            abandonReconcile(type, e.toString());
            Duration wait = pause.failed(Optional.of(slowRetry));
            log.error("WordPress site {} answered a request for '{}' in a way the connector cannot read ({}); asking "
                    + "again in {} s", site, type.type(), e, wait.toSeconds());
        }
        return List.of();
    }

    private List<SourceRecord> feedStep(TypeSync type) {
        SyncState state = type.state();
        Instant before = state.second();
        WordPressClient.Page<WpPost> page = client.changes(type.type(), state.modifiedAfter(), type.feedPage());
        Batch batch = new Batch(type);
        for (WpPost post : page.items()) {
            if (state.isNew(post)) {
                long version = state.versionFor(post.modifiedGmt());
                if (batch.add(mapper.change(type.type(), post, version), post.id())) {
                    state.published(post.id(), version, post.readable());
                }
            }
            state.passed(post);
        }
        boolean lastPage = page.totalPages() >= 0 ? type.feedPage() >= page.totalPages()
                : page.items().size() < pageSize;
        if (lastPage) {
            type.caughtUp(nanoTime.getAsLong(), pollInterval);
        } else if (state.second() != null && !state.second().equals(before)) {
            // Ask again from the new second rather than for the next page: a post edited meanwhile moves to the end
            // of the order, and the posts behind it would slip onto a page already read.
            type.feedPage(1);
        } else {
            type.feedPage(type.feedPage() + 1);
        }
        return batch.records();
    }

    private List<SourceRecord> startReconcile(TypeSync type) {
        type.run(new ReconcileRun(type.type(), type.state().publishedIds(), client, pageSize));
        log.info("Reconciling '{}' of {}: listing every published id against the {} known", type.type(), site,
                type.state().publishedIds().size());
        return reconcileStep(type);
    }

    private List<SourceRecord> reconcileStep(TypeSync type) {
        ReconcileRun run = type.run();
        ReconcileRun.Step step = run.step();
        Batch batch = new Batch(type);
        if (step instanceof ReconcileRun.Untrusted untrusted) {
            // Most likely posts changed while it listed: soon again, but not at every poll (it costs a request per page).
            Duration retry = reconcileInterval.compareTo(UNTRUSTED_RETRY) < 0 ? reconcileInterval : UNTRUSTED_RETRY;
            log.warn("Reconciliation of '{}' of {} deleted nothing: {}; trying again in {} s", type.type(), site,
                    untrusted.reason(), retry.toSeconds());
            type.run(null);
            type.reconciled(nanoTime.getAsLong(), retry);
        } else if (step instanceof ReconcileRun.Gone gone) {
            Instant at = clock.get();
            for (long id : gone.ids()) {
                long version = type.state().nextVersion();
                if (batch.add(mapper.delete(mapper.documentId(type.type(), id), version, at), id)) {
                    type.state().published(id, version, false);
                }
            }
            if (!gone.ids().isEmpty()) {
                log.info("Reconciliation of '{}' of {}: {} posts no longer published, deleted", type.type(), site,
                        gone.ids().size());
            }
        } else if (step instanceof ReconcileRun.Found found) {
            for (WpPost post : found.posts()) {
                if (post.readable() && !type.state().publishedIds().contains(post.id())) {
                    long version = type.state().versionFor(post.modifiedGmt());
                    if (batch.add(mapper.change(type.type(), post, version), post.id())) {
                        type.state().published(post.id(), version, true);
                    }
                }
            }
        } else if (step instanceof ReconcileRun.Done done) {
            log.info("Reconciliation of '{}' of {} done: {} published, {} deleted, {} found published outside the "
                    + "change feed (scheduled posts)", type.type(), site, done.listed(), done.deleted(), done.found());
            type.run(null);
            type.reconciled(nanoTime.getAsLong(), reconcileInterval);
        }
        return batch.records();
    }

    private void abandonReconcile(TypeSync type, String reason) {
        if (type.run() != null) {
            log.warn("Reconciliation of '{}' of {} abandoned, nothing deleted: {}", type.type(), site, reason);
            type.run(null);
        }
    }

    long skippedPosts() {
        return skippedPosts;
    }

    /**
     * The records of one step. Every record carries the offset the type had before the step but the last, which
     * carries the state after it: Connect commits an offset only once the records before it are written, so a commit
     * in the middle of a step keeps the step's start, and a restart does the step again rather than skip part of it.
     */
    private final class Batch {
        private final TypeSync type;
        private final List<SourceRecord> out = new ArrayList<>();
        private DocumentChange last;
        private int lastCount;

        Batch(TypeSync type) {
            this.type = type;
        }

        /** False when the change breaks the contract: skipped, logged, counted. */
        boolean add(DocumentChange change, long postId) {
            try {
                List<SourceRecord> produced = records.of(change, type.partition(), type.offset());
                out.addAll(produced);
                last = change;
                lastCount = produced.size();
                return true;
            } catch (PoisonEventException e) {
                skippedPosts++;
                log.warn("Skipped {} {} of {}: {} ({} skipped so far); it is read again when it next changes",
                        type.type(), postId, site, e.getMessage(), skippedPosts);
                return false;
            }
        }

        List<SourceRecord> records() {
            if (last == null) {
                return List.of();
            }
            Map<String, Object> offset = type.state().toOffset();
            out.subList(out.size() - lastCount, out.size()).clear();
            out.addAll(records.of(last, type.partition(), offset));
            type.offset(offset);
            return out;
        }
    }
}
