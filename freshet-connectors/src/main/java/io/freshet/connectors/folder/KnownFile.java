package io.freshet.connectors.folder;

/**
 * What the connector last published for a file: the version it gave it, the SHA-256 of its bytes (hex), and the size
 * and modification time it had then. Kept in Connect's source offsets (see {@link FolderManifest}).
 */
record KnownFile(long version, String sha256, long size, long modifiedMillis) {
}
