package io.freshet.connectors.wordpress;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;

/**
 * One reconciliation of a post type in progress, one request per {@link #step()}: list every published id, confirm the
 * known ids missing from the listing by asking for them, then fetch the published posts the change feed never saw.
 * The decisions are {@link Reconciliation}'s; a failed request ends the run (the orchestrator drops it), and nothing is
 * deleted until the listing is whole and the candidates confirmed.
 */
final class ReconcileRun {

    sealed interface Step permits Working, Untrusted, Gone, Found, Done {
    }

    /** A request done, nothing to publish yet. */
    record Working() implements Step {
    }

    record Untrusted(String reason) implements Step {
    }

    /** Known posts confirmed no longer published: to delete. */
    record Gone(NavigableSet<Long> ids) implements Step {
    }

    /** Published posts unknown to the connector, whole. */
    record Found(List<WpPost> posts) implements Step {
    }

    record Done(int listed, int deleted, int found) implements Step {
    }

    private enum Phase { LIST, CONFIRM, FETCH, DONE }

    private final String type;
    private final WordPressClient client;
    private final Reconciliation listing;
    private final int chunk;
    private Phase phase = Phase.LIST;
    private NavigableSet<Long> candidates;
    private final Set<Long> stillPublished = new HashSet<>();
    private final Deque<List<Long>> toConfirm = new ArrayDeque<>();
    private final Deque<List<Long>> toFetch = new ArrayDeque<>();
    private int listed;
    private int deleted;
    private int found;

    ReconcileRun(String type, Set<Long> known, WordPressClient client, int chunk) {
        this.type = type;
        this.client = client;
        this.listing = new Reconciliation(known);
        this.chunk = chunk;
    }

    Step step() {
        switch (phase) {
            case LIST:
                return list();
            case CONFIRM:
                if (!toConfirm.isEmpty()) {
                    for (WpPost post : client.published(type, toConfirm.poll())) {
                        // Published but now behind a password is gone for Freshet's readers too.
                        if (post.readable()) {
                            stillPublished.add(post.id());
                        }
                    }
                    return new Working();
                }
                phase = Phase.FETCH;
                NavigableSet<Long> gone = Reconciliation.confirmedGone(candidates, stillPublished);
                deleted = gone.size();
                return new Gone(gone);
            case FETCH:
                if (!toFetch.isEmpty()) {
                    List<WpPost> posts = client.published(type, toFetch.poll());
                    found += (int) posts.stream().filter(WpPost::readable).count();
                    return new Found(posts);
                }
                phase = Phase.DONE;
                return new Done(listed, deleted, found);
            default:
                return new Done(listed, deleted, found);
        }
    }

    private Step list() {
        int page = listing.nextPage();
        WordPressClient.Page<Long> ids = client.publishedIds(type, page);
        Reconciliation.Verdict verdict = listing.addPage(page, ids.total(), ids.totalPages(), ids.items());
        if (verdict instanceof Reconciliation.Untrusted untrusted) {
            phase = Phase.DONE;
            return new Untrusted(untrusted.reason());
        }
        if (verdict instanceof Reconciliation.Trusted trusted) {
            listed = (int) ids.total();
            candidates = trusted.candidates();
            chunks(trusted.candidates(), toConfirm);
            chunks(trusted.newcomers(), toFetch);
            phase = Phase.CONFIRM;
        }
        return new Working();
    }

    private void chunks(NavigableSet<Long> ids, Deque<List<Long>> into) {
        List<Long> current = new ArrayList<>();
        for (long id : ids) {
            current.add(id);
            if (current.size() == chunk) {
                into.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            into.add(current);
        }
    }
}
