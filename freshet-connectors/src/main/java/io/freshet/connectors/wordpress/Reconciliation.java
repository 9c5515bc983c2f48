package io.freshet.connectors.wordpress;

import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * One reconciliation of a post type, decided without HTTP: the listing of every published id is collected page by page
 * and trusted only if it is whole and steady (every page asked for answered, in order, under one unchanged total, and
 * as many ids as that total). From a trusted listing: the known ids missing from it are candidates, deleted only once
 * the site confirms they are not published (a post published while the listing ran is not lost); the listed ids not
 * known are newcomers, fetched and published (a scheduled post WordPress published by cron keeps its old
 * {@code modified_gmt}, so the change feed never sees it go live). Anything else deletes nothing.
 */
final class Reconciliation {

    /** What the listing became. */
    sealed interface Verdict permits Incomplete, Trusted, Untrusted {
    }

    /** More pages to ask for. */
    record Incomplete(int nextPage) implements Verdict {
    }

    record Trusted(NavigableSet<Long> candidates, NavigableSet<Long> newcomers) implements Verdict {
    }

    /** The listing cannot be trusted; nothing is deleted. */
    record Untrusted(String reason) implements Verdict {
    }

    /** How many known posts a listing of none may delete: a small site may well unpublish its last page. */
    static final int EMPTIED_GUARD = 10;

    private final NavigableSet<Long> known;
    private final NavigableSet<Long> listed = new TreeSet<>();
    private long total = -1;
    private int totalPages = -1;
    private int nextPage = 1;
    private Untrusted failed;

    Reconciliation(Set<Long> known) {
        this.known = new TreeSet<>(known);
    }

    int nextPage() {
        return nextPage;
    }

    /** Adds one page of the listing; the answer says whether to go on. */
    Verdict addPage(int page, long pageTotal, int pageTotalPages, List<Long> ids) {
        if (failed != null) {
            return failed;
        }
        if (page != nextPage) {
            return fail("page " + page + " arrived where page " + nextPage + " was expected");
        }
        if (pageTotal < 0 || pageTotalPages < 0) {
            return fail("page " + page + " came without X-WP-Total / X-WP-TotalPages");
        }
        if (total >= 0 && (pageTotal != total || pageTotalPages != totalPages)) {
            return fail("the total changed under it (" + total + " published, then " + pageTotal + ")");
        }
        total = pageTotal;
        totalPages = pageTotalPages;
        listed.addAll(ids);
        nextPage++;
        if (nextPage <= totalPages) {
            return new Incomplete(nextPage);
        }
        if (listed.size() != total) {
            return fail("it listed " + listed.size() + " ids where the site counted " + total);
        }
        if (listed.isEmpty() && known.size() > EMPTIED_GUARD) {
            // A site that suddenly lists nothing at all is more likely broken (a plugin filtering the REST API, a
            // cache serving an empty page) than emptied: an operator decides, not a reconciliation.
            return fail("the site lists no published posts while " + known.size() + " are known; deleting them all is "
                    + "refused (if the site was emptied on purpose, delete the documents of this source by hand)");
        }
        NavigableSet<Long> candidates = new TreeSet<>(known);
        candidates.removeAll(listed);
        NavigableSet<Long> newcomers = new TreeSet<>(listed);
        newcomers.removeAll(known);
        return new Trusted(candidates, newcomers);
    }

    private Untrusted fail(String reason) {
        failed = new Untrusted(reason);
        return failed;
    }

    /** The candidates the site did not list again when asked for them by id: gone, or no longer published. */
    static NavigableSet<Long> confirmedGone(Set<Long> candidates, Set<Long> stillPublished) {
        NavigableSet<Long> gone = new TreeSet<>(candidates);
        gone.removeAll(stillPublished);
        return gone;
    }
}
