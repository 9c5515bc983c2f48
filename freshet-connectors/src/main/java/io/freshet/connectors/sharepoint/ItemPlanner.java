package io.freshet.connectors.sharepoint;

/**
 * What to do with one item of a delta page (pure): publish a file, delete a document, or skip. Only items with the
 * file facet are documents; folders, the drive's root, packages (OneNote notebooks, whose pages are not files to
 * Graph) and anything without a file facet (e.g. remote items, shortcuts to another drive) are skipped.
 */
final class ItemPlanner {

    sealed interface Decision permits Publish, Remove, Skip {
    }

    /** An added, edited, renamed, moved or re-shared file: publish its current state. */
    record Publish(DriveItem item) implements Decision {
    }

    /**
     * A deleted item, or one removed from the app's view. Delta omits the name and often the file facet of a deleted
     * item, so anything deleted that is not known to be a folder, root or package is deleted: a DELETE for an id that
     * was never published changes nothing.
     */
    record Remove(String itemId) implements Decision {
    }

    record Skip(String reason) implements Decision {
    }

    Decision decide(DriveItem item) {
        if (item.deleted()) {
            return switch (item.kind()) {
                case FOLDER, ROOT, PACKAGE -> new Skip("deleted " + kindName(item.kind()));
                case FILE, OTHER -> new Remove(item.id());
            };
        }
        return switch (item.kind()) {
            case FILE -> new Publish(item);
            case FOLDER, ROOT, PACKAGE, OTHER -> new Skip(kindName(item.kind()));
        };
    }

    private static String kindName(DriveItem.Kind kind) {
        return switch (kind) {
            case FILE -> "file";
            case FOLDER -> "folder";
            case ROOT -> "the drive's root";
            case PACKAGE -> "package (e.g. a OneNote notebook)";
            case OTHER -> "item without a file facet";
        };
    }
}
