package io.freshet.ingest.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Connectors' API keys, kept as SHA-256 hashes only. One key per line, whitespace-separated:
 *
 * <pre>
 * # connector   key hash                                                                  granted sources
 * cms           sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08   cms,cms-archive
 * </pre>
 *
 * A connector may have several lines (old and new key during a rotation). Keys are random secrets of at least 32
 * characters (e.g. {@code openssl rand -base64 32}), so a fast hash is enough: there is nothing to guess from it.
 *
 * <p>The file is re-read whenever its modification time, size or identity changes (checked on each API-key
 * request: one {@code stat}). A file that cannot be read or parsed refuses every API key until it is fixed
 * (fail closed: a broken edit must not keep a revoked key alive); write it atomically (a temporary file, then
 * {@code mv}). At start-up it must be valid.
 */
public final class ApiKeyFile {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyFile.class);
    static final String HASH_PREFIX = "sha256:";
    /** Shorter keys are refused before hashing: a real key is never this short. */
    static final int MIN_KEY_CHARS = 32;
    private static final int MAX_KEY_CHARS = 1024;
    private static final int MAX_NAME_CHARS = 128;

    private final Path file;
    private volatile Snapshot current;

    private ApiKeyFile(Path file, Snapshot initial) {
        this.file = file;
        this.current = initial;
    }

    /** Reads the file; a missing or malformed file is a start-up error. */
    public static ApiKeyFile load(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            Snapshot snapshot = read(file);
            log.info("API keys: {} key(s) of {} connector(s) from {}", snapshot.entries().size(),
                    snapshot.entries().stream().map(Entry::connector).distinct().count(), file);
            return new ApiKeyFile(file, snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException("freshet.intake.api-keys-file " + file + " cannot be read", e);
        }
    }

    /** The connector this key belongs to, if it is one of the file's current keys. */
    public Optional<Connector> authenticate(String presentedKey) {
        Snapshot snapshot = refreshed();
        if (presentedKey == null || presentedKey.length() < MIN_KEY_CHARS || presentedKey.length() > MAX_KEY_CHARS) {
            return Optional.empty();
        }
        byte[] presented = sha256(presentedKey);
        Connector found = null;
        // Every entry is compared, each in constant time: neither the match nor its position shows in the timing.
        for (Entry entry : snapshot.entries()) {
            if (MessageDigest.isEqual(entry.hash(), presented)) {
                found = new Connector(entry.connector(), entry.sources());
            }
        }
        return Optional.ofNullable(found);
    }

    private Snapshot refreshed() {
        Snapshot snapshot = current;
        Object stamp = stamp(file);
        if (Objects.equals(stamp, snapshot.stamp())) {
            return snapshot;
        }
        synchronized (this) {
            snapshot = current;
            if (Objects.equals(stamp(file), snapshot.stamp())) {
                return snapshot;
            }
            try {
                snapshot = read(file);
                log.info("API keys re-read from {}: {} key(s)", file, snapshot.entries().size());
            } catch (IOException | IllegalArgumentException e) {
                log.warn("API keys file {} cannot be used, every API key is refused until it is fixed: {}", file, e.getMessage());
                snapshot = new Snapshot(stamp(file), List.of());
            }
            current = snapshot;
            return snapshot;
        }
    }

    /** What identifies one version of the file: inode (a file moved into place), modification time, size. */
    private static Object stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static Snapshot read(Path file) throws IOException {
        Object stamp = stamp(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            entries.add(parse(line, i + 1, file));
        }
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                if (Arrays.equals(entries.get(i).hash(), entries.get(j).hash())) {
                    throw new IllegalArgumentException(file + ": lines " + entries.get(i).line() + " and "
                            + entries.get(j).line() + " hold the same key hash");
                }
            }
        }
        return new Snapshot(stamp, List.copyOf(entries));
    }

    /** Never echoes the hash: a message names the line and what is wrong with it. */
    private static Entry parse(String line, int number, Path file) {
        String[] fields = line.split("\\s+");
        String where = file + " line " + number + ": ";
        if (fields.length != 3) {
            throw new IllegalArgumentException(where + "expected 'connector sha256:<64 hex digits> source[,source...]'");
        }
        String connector = fields[0];
        if (connector.length() > MAX_NAME_CHARS || connector.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(where + "the connector name is too long or has control characters");
        }
        String hash = fields[1].toLowerCase(java.util.Locale.ROOT);
        if (!hash.startsWith(HASH_PREFIX) || !hash.substring(HASH_PREFIX.length()).matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(where + "the key hash must be sha256: followed by 64 hex digits");
        }
        Set<String> sources = new LinkedHashSet<>();
        for (String source : fields[2].split(",")) {
            if (source.isBlank()) {
                throw new IllegalArgumentException(where + "an empty source in the list");
            }
            sources.add(source.strip());
        }
        return new Entry(connector, HexFormat.of().parseHex(hash.substring(HASH_PREFIX.length())), Set.copyOf(sources), number);
    }

    /** {@code sha256:<hex>} of a key: what goes into the file. */
    public static String hash(String key) {
        return HASH_PREFIX + HexFormat.of().formatHex(sha256(key));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private record Entry(String connector, byte[] hash, Set<String> sources, int line) {
    }

    private record Snapshot(Object stamp, List<Entry> entries) {
    }
}
