package io.freshet.connectors.folder;

import io.freshet.connectors.ChangeTopicConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The folder connector's settings, validated when Connect starts it. */
public final class FolderConfig extends AbstractConfig {

    public static final String PATH = "folder.path";
    public static final String POLL_INTERVAL_MS = "folder.poll.interval.ms";
    public static final String QUIET_PERIOD_MS = "folder.quiet.period.ms";
    public static final String EXCLUDE = "folder.exclude";
    public static final String MAX_FILE_BYTES = "folder.max.file.bytes";
    public static final String BATCH_MAX_BYTES = "folder.batch.max.bytes";
    public static final String URL_PREFIX = "folder.url.prefix";
    public static final String POSIX_ACL = "folder.acl.posix";

    /**
     * The largest file sent inline: its base64 (4/3 of it) and the event around it must stay under the contract's
     * 16 MiB event limit.
     */
    static final long LARGEST_INLINE_FILE = 11L * 1024 * 1024;
    private static final String GROUP = "Folder";

    public static final ConfigDef DEFINITION = ChangeTopicConfig.addTo(new ConfigDef(), "folder")
            .define(PATH, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.HIGH, "The folder whose files are published, recursively (an absolute path).",
                    GROUP, 1, ConfigDef.Width.LONG, "Folder")
            .define(POLL_INTERVAL_MS, ConfigDef.Type.LONG, 2_000L, ConfigDef.Range.between(100L, 86_400_000L),
                    ConfigDef.Importance.MEDIUM, "How often the folder is scanned for added, changed, renamed and "
                            + "removed files (only sizes and modification times are read for unchanged files).",
                    GROUP, 2, ConfigDef.Width.SHORT, "Scan interval")
            .define(QUIET_PERIOD_MS, ConfigDef.Type.LONG, 1_000L, ConfigDef.Range.between(0L, 3_600_000L),
                    ConfigDef.Importance.LOW, "A file modified less than this long ago is left for the next scan: it "
                            + "may still be being written.", GROUP, 3, ConfigDef.Width.SHORT, "Quiet period")
            .define(EXCLUDE, ConfigDef.Type.LIST, List.of(".*", "~$*", "*.tmp", "*.swp", "*.part", "*.crdownload"),
                    ConfigDef.Importance.MEDIUM, "Glob patterns of file and directory names never published (hidden "
                            + "files, editors' lock and temporary files, partial downloads).",
                    GROUP, 4, ConfigDef.Width.LONG, "Excluded names")
            .define(MAX_FILE_BYTES, ConfigDef.Type.LONG, 8L * 1024 * 1024,
                    ConfigDef.Range.between(1L, LARGEST_INLINE_FILE), ConfigDef.Importance.MEDIUM,
                    "Larger files are not published (a WARN names each once); at most " + LARGEST_INLINE_FILE
                            + " bytes, since the file travels inside the event.",
                    GROUP, 5, ConfigDef.Width.SHORT, "Largest file")
            .define(BATCH_MAX_BYTES, ConfigDef.Type.LONG, 32L * 1024 * 1024,
                    ConfigDef.Range.between(1L, 1024L * 1024 * 1024), ConfigDef.Importance.LOW,
                    "The file bytes one poll holds in memory at most (at least one file per poll).",
                    GROUP, 6, ConfigDef.Width.SHORT, "Bytes per poll")
            .define(URL_PREFIX, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM,
                    "Where people open the files, e.g. https://files.example.com/share/ (the relative path is appended, "
                            + "URL-encoded); empty: the file: URI of each file.",
                    GROUP, 7, ConfigDef.Width.LONG, "URL prefix")
            .define(POSIX_ACL, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.HIGH,
                    "Map each file's POSIX read permissions to its readers: the owner (read bit) as a user, its group "
                            + "(group read bit) as group:<name>, others (other read bit) as everyone in the "
                            + "organisation. Added to acl.principals; acl.public=true still makes every file public.",
                    GROUP, 8, ConfigDef.Width.SHORT, "POSIX permissions");

    public FolderConfig(Map<String, String> originals) {
        super(DEFINITION, originals);
        Path root = Path.of(getString(PATH));
        if (!root.isAbsolute()) {
            throw new ConfigException(PATH, getString(PATH), "must be an absolute path");
        }
        String prefix = getString(URL_PREFIX);
        if (!prefix.isEmpty()) {
            try {
                URI uri = new URI(prefix);
                if (uri.getScheme() == null) {
                    throw new ConfigException(URL_PREFIX, prefix, "must be an absolute URL");
                }
            } catch (URISyntaxException e) {
                throw new ConfigException(URL_PREFIX, prefix, "not a URL: " + e.getReason());
            }
        }
    }

    Path root() {
        return Path.of(getString(PATH)).normalize();
    }

    Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    Duration quietPeriod() {
        return Duration.ofMillis(getLong(QUIET_PERIOD_MS));
    }

    List<String> excluded() {
        return getList(EXCLUDE);
    }

    long maxFileBytes() {
        return getLong(MAX_FILE_BYTES);
    }

    long batchMaxBytes() {
        return getLong(BATCH_MAX_BYTES);
    }

    String urlPrefix() {
        return getString(URL_PREFIX);
    }

    boolean posixAcl() {
        return getBoolean(POSIX_ACL);
    }
}
