package io.freshet.ingest.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyFileTest {

    private static final String CMS_KEY = "cms-key-0123456789-0123456789-0123456789";
    private static final String WIKI_KEY = "wiki-key-0123456789-0123456789-012345678";

    @TempDir
    Path dir;

    private Path write(String content) throws Exception {
        Path next = dir.resolve("keys.next");
        Files.writeString(next, content);
        return Files.move(next, dir.resolve("keys"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aKeyNamesItsConnectorAndSources() throws Exception {
        ApiKeyFile keys = ApiKeyFile.load(write("# comment\n\ncms  " + ApiKeyFile.hash(CMS_KEY) + "  cms,cms-archive\n"
                + "wiki\t" + ApiKeyFile.hash(WIKI_KEY).toUpperCase().replace("SHA256:", "sha256:") + "\twiki\n"));

        assertThat(keys.authenticate(CMS_KEY)).contains(new Connector("cms", Set.of("cms", "cms-archive")));
        assertThat(keys.authenticate(WIKI_KEY)).contains(new Connector("wiki", Set.of("wiki")));
        assertThat(keys.authenticate(CMS_KEY + "x")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
        assertThat(ApiKeyFile.hash("test")).isEqualTo("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    @Test
    void aMalformedFileFailsAtStartUpWithoutEchoingHashes() throws Exception {
        for (String content : new String[] {"cms " + ApiKeyFile.hash(CMS_KEY) + "\n", "cms md5:abc cms\n",
                "cms sha256:1234 cms\n", "cms " + ApiKeyFile.hash(CMS_KEY) + " cms,,wiki\n",
                "cms " + ApiKeyFile.hash(CMS_KEY) + " cms\nwiki " + ApiKeyFile.hash(CMS_KEY) + " wiki\n"}) {
            Path file = write(content);
            assertThatThrownBy(() -> ApiKeyFile.load(file)).as(content).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("line").message().doesNotContain(ApiKeyFile.hash(CMS_KEY).substring(7));
        }
        assertThatThrownBy(() -> ApiKeyFile.load(dir.resolve("missing"))).hasMessageContaining("cannot be read");
    }

    @Test
    void aChangedFileIsReadAgainAndABrokenOneRefusesEveryKey() throws Exception {
        ApiKeyFile keys = ApiKeyFile.load(write("cms " + ApiKeyFile.hash(CMS_KEY) + " cms\n"));
        assertThat(keys.authenticate(CMS_KEY)).isPresent();

        write("cms " + ApiKeyFile.hash(WIKI_KEY) + " cms\n");
        assertThat(keys.authenticate(CMS_KEY)).isEmpty();
        assertThat(keys.authenticate(WIKI_KEY)).isPresent();

        write("cms " + ApiKeyFile.hash(CMS_KEY) + " cms\nbroken line\n");
        assertThat(keys.authenticate(CMS_KEY)).isEmpty(); // fail closed: a broken edit does not keep old keys alive
        assertThat(keys.authenticate(WIKI_KEY)).isEmpty();

        write("cms " + ApiKeyFile.hash(CMS_KEY) + " cms\n");
        assertThat(keys.authenticate(CMS_KEY)).isPresent();
    }

    @Test
    void jwtSourcesComeAsAListOrASeparatedString() {
        assertThat(JwtConnectors.names(java.util.List.of("cms", " wiki ", ""))).containsExactly("cms", "wiki");
        assertThat(JwtConnectors.names("cms, wiki intranet")).containsExactly("cms", "wiki", "intranet");
        assertThat(JwtConnectors.names(null)).isEmpty();
        assertThat(JwtConnectors.names(42)).isEmpty();
    }
}
