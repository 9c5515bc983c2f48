package io.freshet.connectors.folder;

/** The folder itself cannot be read now (missing, not a directory, no permission): retried, never taken as deletes. */
final class FolderUnavailableException extends RuntimeException {

    FolderUnavailableException(String message) {
        super(message);
    }
}
