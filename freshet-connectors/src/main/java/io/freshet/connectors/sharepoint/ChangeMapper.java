package io.freshet.connectors.sharepoint;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.ChangeLimits;
import io.freshet.contract.event.Content;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.Operation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A driveItem as a {@link DocumentChange} (pure). The id {@code sharepoint:<driveId>:<itemId>} survives renames and
 * moves (item ids do); optional fields that would break {@link ChangeLimits} are dropped or shortened rather than
 * losing the document: a url or content type that is too long or holds control characters is dropped (a shortened
 * link is a wrong one), a title shortened.
 */
final class ChangeMapper {

    private final String source;

    ChangeMapper(String source) {
        this.source = source;
    }

    static String documentId(String driveId, String itemId) {
        return "sharepoint:" + driveId + ":" + itemId;
    }

    DocumentChange upsert(String driveId, DriveItem item, Acl acl, Content content, long version, Instant observedAt) {
        String url = identifier(item.webUrl(), ChangeLimits.MAX_URL_CHARS);
        String contentType = identifier(item.mimeType(), ChangeLimits.MAX_CONTENT_TYPE_CHARS);
        Instant occurredAt = item.lastModified() != null ? item.lastModified() : observedAt;
        return new DocumentChange(new DocumentHeader(documentId(driveId, item.id()), source, version, Operation.UPSERT,
                shorten(item.name(), ChangeLimits.MAX_TITLE_CHARS), url, contentType, metadata(driveId, item), acl,
                occurredAt), content);
    }

    DocumentChange delete(String driveId, String itemId, long version, Instant observedAt) {
        // Delta carries no time of deletion: the moment the connector saw it is the closest there is.
        return DocumentChange.delete(documentId(driveId, itemId), source, version, observedAt);
    }

    private static Map<String, String> metadata(String driveId, DriveItem item) {
        Map<String, String> metadata = new LinkedHashMap<>();
        put(metadata, "sharepoint.driveId", driveId);
        put(metadata, "sharepoint.itemId", item.id());
        put(metadata, "sharepoint.path", item.path());
        put(metadata, "sharepoint.lastModifiedBy", item.lastModifiedBy());
        put(metadata, "sharepoint.eTag", item.eTag());
        put(metadata, "sharepoint.cTag", item.cTag());
        put(metadata, "sharepoint.size", item.size() == null ? null : Long.toString(item.size()));
        return metadata;
    }

    private static void put(Map<String, String> metadata, String key, String value) {
        if (value != null && !value.isBlank()) {
            metadata.put(key, shorten(value, ChangeLimits.MAX_METADATA_VALUE_CHARS));
        }
    }

    /** An optional identifier field as the contract takes it, or null: Tika detects a missing type from the bytes. */
    private static String identifier(String value, int max) {
        if (value == null || value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return value;
    }

    private static String shorten(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }
}
