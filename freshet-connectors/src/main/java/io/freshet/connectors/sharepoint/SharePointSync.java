package io.freshet.connectors.sharepoint;

import io.freshet.connectors.RetryPause;
import io.freshet.connectors.http.SourceRefusedException;
import io.freshet.connectors.http.SourceUnavailableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The task's loop over its drives: each poll reads one delta page of a drive that is due (or publishes the next part
 * of a page already read), round-robin, and returns its records. Graph being unavailable or throttling pauses the
 * whole task (RetryPause honours Retry-After) and never turns into deletes; a refusal (401/403) is logged with what to
 * check and retried slowly. A poll waits at most {@link #LONGEST_WAIT} so that stop() is prompt.
 */
final class SharePointSync {

    private static final Logger log = LoggerFactory.getLogger(SharePointSync.class);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(1);
    /** Per poll: a page's records are handed to Connect in parts, so memory stays bounded with large inline files. */
    private static final int MAX_ITEMS_PER_POLL = 50;
    private static final long MAX_BYTES_PER_POLL = 32L * 1024 * 1024;

    private final GraphClient graph;
    private final ItemPublisher publisher;
    private final RetryPause pause;
    private final Duration pollInterval;
    private final Duration refusedPause;
    private final Function<String, String> storedLink;
    private final List<String> unresolvedSites;
    private final Map<String, DriveCursor> drives = new LinkedHashMap<>();
    private final Object sleeper = new Object();
    private volatile boolean stopping;
    private int next;

    SharePointSync(GraphClient graph, ItemPublisher publisher, RetryPause pause, Duration pollInterval,
                   Duration refusedPause, List<String> driveIds, List<String> siteIds,
                   Function<String, String> storedLink) {
        this.graph = graph;
        this.publisher = publisher;
        this.pause = pause;
        this.pollInterval = pollInterval;
        this.refusedPause = refusedPause;
        this.storedLink = storedLink;
        this.unresolvedSites = new ArrayList<>(siteIds);
        driveIds.forEach(this::addDrive);
    }

    /** The records of the next step; null when there is nothing now (paused, waiting for the poll interval). */
    List<SourceRecord> poll() {
        if (stopping) {
            return null;
        }
        Duration left = pause.remaining();
        if (!left.isZero()) {
            sleep(left);
            return null;
        }
        String driveId = null;
        try {
            resolveSites();
            DriveCursor cursor = nextDue();
            if (cursor == null) {
                sleep(untilNextDue());
                return null;
            }
            driveId = cursor.driveId;
            List<SourceRecord> records = step(cursor);
            pause.succeeded();
            return records.isEmpty() ? null : records;
        } catch (SourceUnavailableException e) {
            Duration wait = pause.failed(e.retryAfter());
            log.warn("Graph is unavailable{} ({} failures in a row), asking again in {} ms: {}",
                    driveId == null ? "" : " for drive " + driveId, pause.failures(), wait.toMillis(), e.getMessage());
        } catch (SourceRefusedException e) {
            Duration wait = pause.failed(Optional.of(refusedPause));
            log.error("Graph refused the connector{} ({}), asking again in {} ms: {}. {}",
                    driveId == null ? "" : " for drive " + driveId, e.status(), wait.toMillis(), e.getMessage(),
                    whatToCheck(e));
        }
        return null;
    }

    /** Reads the next page of the drive if none is open, then publishes the next part of the open page. */
    private List<SourceRecord> step(DriveCursor cursor) {
        if (cursor.page == null) {
            String link = cursor.link;
            if (link != null && !graph.isGraphLink(link)) {
                log.warn("Drive {}: the stored delta link is not a link of {}; reading the whole drive again",
                        cursor.driveId, SharePointConfig.GRAPH_BASE_URL);
                link = null;
            }
            if (link == null) {
                link = graph.rootDelta(cursor.driveId);
                log.info("Drive {}: reading every item (root/delta)", cursor.driveId);
            }
            DeltaPage page;
            try {
                page = graph.delta(link);
            } catch (GraphClient.DeltaGoneException e) {
                // Re-publishing the drive is harmless; deleting what the new enumeration does not show would not be.
                log.warn("Drive {}: Graph no longer serves this delta link (410 Gone: token expired or resync "
                        + "required); reading the whole drive again, documents are re-published, none deleted",
                        cursor.driveId);
                cursor.restart();
                return List.of();
            }
            cursor.page = page;
            cursor.pageFetchedWith = link;
            cursor.position = 0;
        }
        DeltaPage page = cursor.page;
        List<SourceRecord> out = new ArrayList<>();
        int position = cursor.position;
        long bytes = 0;
        // Position moves only once the part is built: a failure half way reads the same items again, loses none.
        while (position < page.items().size() && position - cursor.position < MAX_ITEMS_PER_POLL
                && bytes < MAX_BYTES_PER_POLL) {
            String offsetLink = OffsetRule.linkFor(position, page.items().size(), cursor.pageFetchedWith,
                    page.following());
            for (SourceRecord record : publisher.publish(cursor.driveId, page.items().get(position), offsetLink)) {
                out.add(record);
                bytes += record.value() instanceof String s ? s.length() : 0;
            }
            position++;
        }
        cursor.position = position;
        if (position >= page.items().size()) {
            finishPage(cursor, page);
        }
        return out;
    }

    private void finishPage(DriveCursor cursor, DeltaPage page) {
        cursor.link = page.following();
        cursor.page = null;
        cursor.pageFetchedWith = null;
        cursor.position = 0;
        if (page.isLast()) {
            cursor.dueSet = true;
            cursor.dueAtNanos = System.nanoTime() + pollInterval.toNanos();
            log.debug("Drive {}: up to date, next look in {} ms", cursor.driveId, pollInterval.toMillis());
        }
    }

    private void resolveSites() {
        while (!unresolvedSites.isEmpty()) {
            String site = unresolvedSites.get(0);
            List<String> siteDrives = graph.siteDrives(site);
            log.info("Site {}: {} document libraries to sync: {}", site, siteDrives.size(), siteDrives);
            siteDrives.forEach(this::addDrive);
            unresolvedSites.remove(0);
        }
    }

    private void addDrive(String driveId) {
        drives.computeIfAbsent(driveId, id -> {
            String link = storedLink.apply(id);
            log.info("Drive {}: {}", id, link == null ? "no stored position, starting from root/delta"
                    : "resuming from its stored delta position");
            return new DriveCursor(id, link);
        });
    }

    private DriveCursor nextDue() {
        List<DriveCursor> all = new ArrayList<>(drives.values());
        long now = System.nanoTime();
        for (int i = 0; i < all.size(); i++) {
            DriveCursor c = all.get((next + i) % all.size());
            if (c.page != null || c.isDue(now)) {
                next = (next + i + 1) % all.size();
                return c;
            }
        }
        return null;
    }

    private Duration untilNextDue() {
        long now = System.nanoTime();
        long least = LONGEST_WAIT.toNanos();
        for (DriveCursor c : drives.values()) {
            least = Math.min(least, Math.max(0, c.dueAtNanos - now));
        }
        return Duration.ofNanos(least);
    }

    private static String whatToCheck(SourceRefusedException e) {
        if (e instanceof GraphTokens.TokenRefusedException) {
            return "Check the app registration in Entra ID and the client secret's expiry";
        }
        return switch (e.status()) {
            case 401, 403 -> "Check the app registration's application permissions (Sites.Read.All, or Sites.Selected "
                    + "with this site granted, and Files.Read.All) and that an admin consented to them";
            case 404 -> "Check " + SharePointConfig.DRIVE_IDS + " and " + SharePointConfig.SITE_IDS
                    + ": the drive or site does not exist or the app cannot see it";
            default -> "Graph refused the request; see its message";
        };
    }

    private void sleep(Duration duration) {
        long millis = Math.min(duration.toMillis(), LONGEST_WAIT.toMillis());
        if (millis <= 0) {
            return;
        }
        synchronized (sleeper) {
            if (stopping) {
                return;
            }
            try {
                sleeper.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void stop() {
        stopping = true;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    long skipped() {
        return publisher.skipped();
    }

    long poisoned() {
        return publisher.poisoned();
    }
}
