package io.freshet.connectors.folder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides, from what was published and what a scan saw, which files to read and which to remove. Pure: no file
 * system, no clock but the one handed in. Sizes and modification times decide which files are read at all; their
 * bytes decide later whether they really changed (a touched file is not published again).
 */
final class FolderPlanner {

    private FolderPlanner() {
    }

    /**
     * A scan of the folder: every file it saw, whether it saw every directory (an unreadable one hides files), and the
     * file system the folder is on (its device; null where the platform does not say).
     */
    record Snapshot(Map<String, FileStat> files, boolean complete, String device) {
    }

    /** What to do about one file. */
    sealed interface FileChange permits Write, Remove {
        String path();
    }

    /** A file that is new or whose size or modification time changed: read it and publish it if its bytes changed. */
    record Write(FileStat stat, KnownFile previous) implements FileChange {
        @Override
        public String path() {
            return stat.path();
        }
    }

    /** A published file the scan no longer saw. */
    record Remove(String path, KnownFile known) implements FileChange {
    }

    /**
     * The changes of one scan: writes first (by path), then removals, so a renamed file is published under its new
     * name before the old one goes and its content is never missing from the index.
     *
     * @param settling files left for a later scan because they were modified within the quiet period
     * @param removalsWithheld why no removal was planned although files are missing, or null
     */
    record ScanPlan(List<FileChange> changes, int unchanged, int settling, String removalsWithheld) {
    }

    /**
     * @param deviceWithFiles the file system the folder was on when a scan last found files in it, null if unknown
     */
    static ScanPlan plan(Map<String, KnownFile> known, Snapshot snapshot, long nowMillis, long quietPeriodMillis,
                         String deviceWithFiles) {
        List<FileChange> changes = new ArrayList<>();
        int unchanged = 0;
        int settling = 0;
        for (FileStat stat : new TreeMap<>(snapshot.files()).values()) {
            KnownFile previous = known.get(stat.path());
            if (stat.sameAs(previous)) {
                unchanged++;
            } else if (nowMillis - stat.modifiedMillis() < quietPeriodMillis) {
                settling++;
            } else {
                changes.add(new Write(stat, previous));
            }
        }
        List<Remove> removals = new TreeMap<>(known).entrySet().stream()
                .filter(e -> !snapshot.files().containsKey(e.getKey()))
                .map(e -> new Remove(e.getKey(), e.getValue()))
                .toList();
        String withheld = null;
        if (!removals.isEmpty() && !snapshot.complete()) {
            withheld = "part of the folder could not be read";
        } else if (!removals.isEmpty() && snapshot.files().isEmpty()
                && (deviceWithFiles == null || !deviceWithFiles.equals(snapshot.device()))) {
            // An unmounted share leaves an empty directory of another file system behind: an outage, not every file
            // deleted. An emptied folder on the file system it had files on is emptied indeed.
            withheld = "the folder is empty but " + known.size() + " files were published from it, and it is "
                    + (deviceWithFiles == null ? "not known which file system held them since the connector started"
                    : "on another file system than when it had files") + " (an unmounted share?)";
        } else {
            changes.addAll(removals);
        }
        return new ScanPlan(List.copyOf(changes), unchanged, settling, withheld);
    }

    /**
     * The removed file a new file was renamed or moved from: same bytes, same size, removed in the same scan.
     *
     * @param removedByContent the scan's removals by {@link #contentKey}
     */
    static Optional<Remove> renamedFrom(String sha256, long size, Map<String, Remove> removedByContent) {
        return Optional.ofNullable(removedByContent.get(contentKey(sha256, size)));
    }

    /** A plan's removals by content, looked up once per new file instead of searching the plan. */
    static Map<String, Remove> removalsByContent(List<FileChange> changes) {
        Map<String, Remove> byContent = new HashMap<>();
        for (FileChange change : changes) {
            if (change instanceof Remove remove) {
                byContent.putIfAbsent(contentKey(remove.known().sha256(), remove.known().size()), remove);
            }
        }
        return byContent;
    }

    static String contentKey(String sha256, long size) {
        return size + "/" + sha256;
    }

    /**
     * The version of a file's next change: later than every version it had, and otherwise the time it is seen, so the
     * order holds when the stored state is lost (a new connector name) and a removed file comes back.
     */
    static long nextVersion(KnownFile previous, long nowMillis) {
        return previous == null ? nowMillis : Math.max(previous.version() + 1, nowMillis);
    }
}
