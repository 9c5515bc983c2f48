package io.freshet.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real-world test files in shared/data/documents (Apache Tika's test documents). shared/ sits beside the
 * repository both here and in CI, so from this module (the tests' working directory) it is ../../shared;
 * -Dfreshet.documents=DIR overrides that.
 */
public final class TestDocuments {

    private static final Path DIRECTORY = Path.of(System.getProperty("freshet.documents", "../../shared/data/documents"))
            .toAbsolutePath().normalize();

    private TestDocuments() {
    }

    public static Path path(String name) {
        Path file = DIRECTORY.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("test document missing: " + file
                    + " (expected shared/data/documents beside the repository, or set -Dfreshet.documents)");
        }
        return file;
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
