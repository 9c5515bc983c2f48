package io.freshet.connectors.folder;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.ChangeLimits;
import io.freshet.contract.event.Content;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.Operation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A file as a document change: its id (the source name and the relative path), where people open it, its metadata
 * and its readers. Pure: the bytes, the file's stat and the clock come in.
 */
final class FolderDocuments {

    private final String source;
    private final Path root;
    private final String urlPrefix;
    private final Acl defaultAcl;
    private final boolean posixAcl;

    FolderDocuments(String source, Path root, String urlPrefix, Acl defaultAcl, boolean posixAcl) {
        this.source = source;
        this.root = root;
        this.urlPrefix = urlPrefix;
        this.defaultAcl = defaultAcl;
        this.posixAcl = posixAcl;
    }

    /**
     * The document id of a relative path: {@code <source>:<path>}; a path the contract cannot carry as an id (too long,
     * control characters in a name) gets {@code <source>:sha256:<hash of the path>} instead, stable all the same.
     */
    String id(String path) {
        String id = source + ":" + path;
        if (id.length() <= ChangeLimits.MAX_ID_CHARS && id.chars().noneMatch(Character::isISOControl)) {
            return id;
        }
        return source + ":sha256:" + sha256(path.getBytes(StandardCharsets.UTF_8));
    }

    DocumentChange upsert(FileStat stat, byte[] bytes, long version, String renamedFrom) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("path", clip(stat.path()));
        metadata.put("folder", clip(root.toString()));
        metadata.put("modified", Instant.ofEpochMilli(stat.modifiedMillis()).toString());
        if (renamedFrom != null) {
            metadata.put("renamedFrom", clip(renamedFrom));
        }
        DocumentHeader header = new DocumentHeader(id(stat.path()), source, version, Operation.UPSERT, null,
                url(stat.path()), null, metadata, acl(stat), Instant.ofEpochMilli(stat.modifiedMillis()));
        return new DocumentChange(header, Content.ofBytes(bytes));
    }

    DocumentChange delete(String path, long version, Instant at) {
        return DocumentChange.delete(id(path), source, version, at);
    }

    /** Where a person opens the file; the URL's last segment also gives ingest the file name (a type hint). */
    String url(String path) {
        String url;
        if (urlPrefix.isEmpty()) {
            url = root.resolve(path).toUri().toString();
        } else {
            List<String> segments = new ArrayList<>();
            for (String segment : path.split("/")) {
                segments.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
            }
            url = (urlPrefix.endsWith("/") ? urlPrefix : urlPrefix + "/") + String.join("/", segments);
        }
        return url.length() <= ChangeLimits.MAX_URL_CHARS ? url : null;
    }

    /** The configured readers, plus, when mapped, the file's POSIX readers. */
    Acl acl(FileStat stat) {
        if (!posixAcl || defaultAcl.isPublic()) {
            return defaultAcl;
        }
        Set<String> principals = new LinkedHashSet<>(defaultAcl.principals());
        if (stat.readers().contains(FileStat.PosixReader.OWNER) && stat.owner() != null && !isReserved(stat.owner())) {
            principals.add(stat.owner());
        }
        if (stat.readers().contains(FileStat.PosixReader.GROUP) && stat.group() != null) {
            principals.add(Acl.GROUP_PREFIX + stat.group());
        }
        if (stat.readers().contains(FileStat.PosixReader.OTHERS)) {
            principals.add(Acl.EVERYONE_IN_ORGANISATION);
        }
        return new Acl(false, List.copyOf(principals));
    }

    /** An account named like a group or the organisation must not become that principal. */
    private static boolean isReserved(String user) {
        return user.startsWith(Acl.GROUP_PREFIX) || user.startsWith("org:");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String clip(String value) {
        return value.length() <= ChangeLimits.MAX_METADATA_VALUE_CHARS ? value
                : value.substring(0, ChangeLimits.MAX_METADATA_VALUE_CHARS);
    }
}
