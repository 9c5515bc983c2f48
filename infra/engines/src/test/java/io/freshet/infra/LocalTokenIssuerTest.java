package io.freshet.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The local issuer's signing key: whoever can read it can mint any token for the local stack. */
class LocalTokenIssuerTest {

    @Test
    void theKeyIsCreatedReadableByItsOwnerOnly(@TempDir Path work) throws Exception {
        Path keys = work.resolve("issuer");

        LocalTokenIssuer.offline(createKey(keys), "http://127.0.0.1:1");

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("private.key"))));
    }

    @Test
    void aKeyLeftReadableByOthersIsMadeOwnerOnlyWhenLoaded(@TempDir Path work) throws Exception {
        Path keys = createKey(work.resolve("issuer"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(keys.resolve("private.key"), PosixFilePermissions.fromString("rw-r--r--"));

        LocalTokenIssuer.offline(keys, "http://127.0.0.1:1");

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("private.key"))));
    }

    private static Path createKey(Path keys) {
        LocalTokenIssuer.start(keys, 0).close();
        return keys;
    }
}
