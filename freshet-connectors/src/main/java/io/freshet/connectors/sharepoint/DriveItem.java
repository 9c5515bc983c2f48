package io.freshet.connectors.sharepoint;

import java.time.Instant;

/**
 * What the connector needs of one driveItem from a delta page, read from Graph's JSON by {@link GraphJson}. Delta
 * omits fields depending on the change (a deleted item has no name, OneDrive for Business sends no cTag and no path),
 * so everything but the id may be null.
 */
public record DriveItem(String id, Kind kind, boolean deleted, boolean sharedChanged, String name, String webUrl,
                        String mimeType, Long size, Instant lastModified, String lastModifiedBy, String eTag,
                        String cTag, String path, String downloadUrl) {

    /** The facet that says what the item is; only FILE is a document. */
    public enum Kind { FILE, FOLDER, ROOT, PACKAGE, OTHER }

    /** A minimal item, for tests and deletes. */
    public static DriveItem of(String id, Kind kind) {
        return new DriveItem(id, kind, false, false, null, null, null, null, null, null, null, null, null, null);
    }

    public DriveItem asDeleted() {
        return new DriveItem(id, kind, true, sharedChanged, name, webUrl, mimeType, size, lastModified, lastModifiedBy,
                eTag, cTag, path, downloadUrl);
    }
}
