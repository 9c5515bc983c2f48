package io.freshet.connectors.sharepoint;

/**
 * Where the connector stands in one drive's delta: the link to ask next (null: from root/delta), the page being
 * published and how far, and when the drive may be asked again. Touched by the task's poll thread only.
 */
final class DriveCursor {

    final String driveId;
    /** The next link to ask; null starts from root/delta. */
    String link;
    /** The page being published, the link that fetched it, and the index of its next item. */
    DeltaPage page;
    String pageFetchedWith;
    int position;
    /** System.nanoTime() before which the drive is not asked (the poll interval after a delta link). */
    long dueAtNanos;
    boolean dueSet;

    DriveCursor(String driveId, String storedLink) {
        this.driveId = driveId;
        this.link = storedLink;
    }

    boolean isDue(long nowNanos) {
        return !dueSet || nowNanos - dueAtNanos >= 0;
    }

    void restart() {
        link = null;
        page = null;
        pageFetchedWith = null;
        position = 0;
    }
}
