package io.freshet.connectors.folder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a folder's tree: every regular file's size, modification time and POSIX owner, group and read bits. Symbolic
 * links are not followed (a link must not publish a file from outside the folder), excluded names are skipped with
 * everything under them, and a directory that cannot be read makes the scan incomplete rather than its files gone.
 */
final class FolderScanner {

    private static final Logger log = LoggerFactory.getLogger(FolderScanner.class);

    private final Path root;
    private final List<PathMatcher> excluded;

    FolderScanner(Path root, List<String> excludedGlobs) {
        this.root = root;
        this.excluded = excludedGlobs.stream()
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
                .toList();
    }

    FolderPlanner.Snapshot scan() {
        if (!Files.isDirectory(root)) {
            throw new FolderUnavailableException("folder " + root + " is not there (or not a directory)");
        }
        if (!Files.isReadable(root) || !Files.isExecutable(root)) {
            throw new FolderUnavailableException("folder " + root + " cannot be read by this process");
        }
        Path start;
        try {
            start = root.toRealPath(); // the folder itself may be a link; nothing under it is followed
        } catch (IOException e) {
            throw new FolderUnavailableException("folder " + root + " cannot be resolved: " + e);
        }
        Map<String, FileStat> files = new HashMap<>();
        boolean[] complete = {true};
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(start) && isExcluded(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !isExcluded(file)) {
                        String relative = start.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                        FileStat stat = stat(relative, file, attrs);
                        files.put(stat.path(), stat);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!(e instanceof NoSuchFileException)) { // removed while the scan ran: simply gone
                        complete[0] = false;
                        log.warn("Folder connector: cannot read {} ({}); files under it are kept as they were", file, e);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new FolderUnavailableException("scanning folder " + root + " failed: " + e);
        }
        return new FolderPlanner.Snapshot(files, complete[0], device(start));
    }

    /** The device of the file system holding the folder: a share mounted on it, or unmounted from it, changes it. */
    private static String device(Path folder) {
        try {
            return String.valueOf(Files.getAttribute(folder, "unix:dev"));
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return null;
        }
    }

    /** The file's state now, or null when it is gone. */
    FileStat restat(String relative) {
        Path file = resolve(relative);
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attrs.isRegularFile() ? stat(relative, file, attrs) : null;
        } catch (IOException e) {
            return null;
        }
    }

    Path resolve(String relative) {
        return root.resolve(relative.replace('/', root.getFileSystem().getSeparator().charAt(0)));
    }

    private boolean isExcluded(Path path) {
        Path name = path.getFileName();
        return name != null && excluded.stream().anyMatch(m -> m.matches(name));
    }

    private static FileStat stat(String relative, Path file, BasicFileAttributes basic) {
        String owner = null;
        String group = null;
        Set<FileStat.PosixReader> readers = EnumSet.noneOf(FileStat.PosixReader.class);
        try {
            PosixFileAttributes posix = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            owner = posix.owner().getName();
            group = posix.group().getName();
            Set<PosixFilePermission> permissions = posix.permissions();
            if (permissions.contains(PosixFilePermission.OWNER_READ)) readers.add(FileStat.PosixReader.OWNER);
            if (permissions.contains(PosixFilePermission.GROUP_READ)) readers.add(FileStat.PosixReader.GROUP);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) readers.add(FileStat.PosixReader.OTHERS);
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system (or the file just went): no owner, group or read bits to map.
        }
        return new FileStat(relative, basic.size(), basic.lastModifiedTime().toMillis(), owner, group, readers);
    }
}
