package io.freshet.connectors.folder;

import java.util.Set;

/**
 * One regular file as a scan saw it, without its bytes.
 *
 * @param path          relative to the folder, '/'-separated
 * @param size          bytes
 * @param modifiedMillis last modification time
 * @param owner         the owner's name, null where the file system has none
 * @param group         the POSIX group's name, null where the file system has none
 * @param readers       which POSIX classes may read it (owner, group, others), empty where unknown
 */
record FileStat(String path, long size, long modifiedMillis, String owner, String group, Set<PosixReader> readers) {

    FileStat {
        readers = Set.copyOf(readers);
    }

    /** Size and modification time as recorded: a file showing the same is not read again. */
    boolean sameAs(KnownFile known) {
        return known != null && known.size() == size && known.modifiedMillis() == modifiedMillis;
    }

    enum PosixReader { OWNER, GROUP, OTHERS }
}
