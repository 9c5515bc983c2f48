package io.freshet.infra;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * An AppCDS archive of an engine's classes: loading OpenSearch's ~15k classes from the archive instead of from
 * jars cuts its start by about a third, which every integration test run pays on a 2-core machine.
 *
 * <p>The first run of a classpath dumps the archive when the engine exits ({@code -XX:ArchiveClassesAtExit}) into a
 * temporary file, promoted once the engine has stopped cleanly; later runs map it ({@code -XX:SharedArchiveFile}).
 * The name hashes the JDK and every classpath entry's path, size and modification time, so a rebuilt jar or another
 * JDK gets a new archive; the JVM itself falls back to normal class loading if an archive does not fit.
 * Archives live in {@code ~/.cache/freshet/cds} ({@code freshet.engines.cdsDir}); {@code freshet.engines.cds=false}
 * turns this off.
 */
final class ClassDataArchive {

    private static final Duration STALE_TEMPORARY = Duration.ofHours(1);
    /** Each rebuild of the engines jar makes a new archive (50-80 MB); keep only the latest few per engine. */
    private static final int ARCHIVES_KEPT = 3;

    private final String engine;
    private final Path archive;
    private final Path temporary;

    private ClassDataArchive(String engine, Path archive, Path temporary) {
        this.engine = engine;
        this.archive = archive;
        this.temporary = temporary;
    }

    /** Null when disabled or not possible (a directory on the classpath cannot be archived). */
    static ClassDataArchive forClasspath(String engine, String classpath) {
        if ("false".equalsIgnoreCase(System.getProperty("freshet.engines.cds", "true"))) {
            return null;
        }
        List<String> entries = List.of(classpath.split(File.pathSeparator));
        if (entries.stream().anyMatch(e -> Files.isDirectory(Path.of(e)))) {
            return null;
        }
        Path dir = Path.of(System.getProperty("freshet.engines.cdsDir",
                Path.of(System.getProperty("user.home"), ".cache", "freshet", "cds").toString()));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return null;
        }
        deleteStaleTemporaries(dir);
        Path archive = dir.resolve(engine + "-" + fingerprint(entries) + ".jsa");
        Path temporary = dir.resolve(archive.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + System.nanoTime() + ".tmp");
        return new ClassDataArchive(engine, archive, temporary);
    }

    /** The JVM options for this launch: map the archive, or dump one at exit. */
    List<String> jvmOptions() {
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        // The dump warns once per class it skips (old bytecode versions): hundreds of lines of noise in the log.
        return List.of("-XX:ArchiveClassesAtExit=" + temporary, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** After a clean stop: the dumped archive becomes the one later launches use. */
    void promoteIfDumped() {
        try {
            if (Files.isRegularFile(temporary) && Files.size(temporary) > 0) {
                Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                deleteOlderArchives();
            }
        } catch (IOException e) {
            // Not fatal: the next launch dumps again.
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // a stale temporary is removed by a later launch
            }
        }
    }

    /** A dump that was killed half-way, or whose launcher died, is never promoted. */
    void discardDump() {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // a stale temporary is removed by a later launch
        }
    }

    private void deleteOlderArchives() throws IOException {
        try (Stream<Path> files = Files.list(archive.getParent())) {
            List<Path> archives = files
                    .filter(f -> f.getFileName().toString().startsWith(engine + "-") && f.toString().endsWith(".jsa"))
                    .sorted(Comparator.comparing(ClassDataArchive::modified).reversed())
                    .toList();
            for (Path old : archives.subList(Math.min(ARCHIVES_KEPT, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
            }
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static String fingerprint(List<String> entries) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((System.getProperty("java.home") + "|" + System.getProperty("java.vm.version"))
                    .getBytes(StandardCharsets.UTF_8));
            for (String entry : entries) {
                Path path = Path.of(entry);
                long size = Files.size(path);
                long modified = Files.getLastModifiedTime(path).toMillis();
                digest.update((entry + "|" + size + "|" + modified + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unversioned-" + System.nanoTime();
        }
    }

    private static void deleteStaleTemporaries(Path dir) {
        FileTime cutoff = FileTime.from(Instant.now().minus(STALE_TEMPORARY));
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".tmp")).forEach(f -> {
                try {
                    if (Files.getLastModifiedTime(f).compareTo(cutoff) < 0) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException ignored) {
                    // another launcher removed it first
                }
            });
        } catch (IOException ignored) {
            // nothing to clean
        }
    }
}
