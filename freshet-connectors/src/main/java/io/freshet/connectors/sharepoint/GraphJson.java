package io.freshet.connectors.sharepoint;

import io.freshet.connectors.http.SourceUnavailableException;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Graph answers the connector uses into plain values, so that the core never sees JSON. Unknown fields are
 * ignored; a page without its links is Graph not answering properly (retried), not an empty drive.
 */
final class GraphJson {

    static final String NEXT_LINK = "@odata.nextLink";
    static final String DELTA_LINK = "@odata.deltaLink";
    static final String DOWNLOAD_URL = "@microsoft.graph.downloadUrl";
    static final String SHARED_CHANGED = "@microsoft.graph.sharedChanged";

    private GraphJson() {
    }

    static DeltaPage deltaPage(JsonNode page) {
        String next = text(page, NEXT_LINK);
        String delta = text(page, DELTA_LINK);
        if ((next == null) == (delta == null)) {
            throw new SourceUnavailableException("a delta page came without exactly one of " + NEXT_LINK + " and "
                    + DELTA_LINK, null, null);
        }
        List<DriveItem> items = new ArrayList<>();
        for (JsonNode item : array(page, "value")) {
            String id = text(item, "id");
            if (id != null) {
                items.add(item(id, item));
            }
        }
        return new DeltaPage(items, next, delta);
    }

    static DriveItem item(String id, JsonNode item) {
        JsonNode file = item.path("file");
        boolean deleted = item.has("deleted") || item.has("@removed");
        return new DriveItem(id, kind(item), deleted, "true".equalsIgnoreCase(text(item, SHARED_CHANGED)),
                text(item, "name"), text(item, "webUrl"), text(file, "mimeType"),
                item.path("size").isNumber() ? item.path("size").asLong() : null,
                instant(text(item, "lastModifiedDateTime")), lastModifiedBy(item.path("lastModifiedBy")),
                text(item, "eTag"), text(item, "cTag"), text(item.path("parentReference"), "path"),
                text(item, DOWNLOAD_URL));
    }

    private static DriveItem.Kind kind(JsonNode item) {
        // The root and packages (OneNote notebooks) are folders in disguise; a file facet is what makes a document.
        if (item.has("root")) {
            return DriveItem.Kind.ROOT;
        }
        if (item.has("package")) {
            return DriveItem.Kind.PACKAGE;
        }
        if (item.has("folder")) {
            return DriveItem.Kind.FOLDER;
        }
        if (item.has("file")) {
            return DriveItem.Kind.FILE;
        }
        return DriveItem.Kind.OTHER;
    }

    private static String lastModifiedBy(JsonNode identitySet) {
        JsonNode user = identitySet.path("user");
        String email = text(user, "email");
        return email != null ? email : text(user, "displayName");
    }

    /** A page of permissions and its next link (null on the last page). */
    record PermissionPage(List<Permission> permissions, String nextLink) {
    }

    static PermissionPage permissions(JsonNode page) {
        List<Permission> permissions = new ArrayList<>();
        for (JsonNode p : array(page, "value")) {
            List<String> roles = new ArrayList<>();
            for (JsonNode role : array(p, "roles")) {
                if (role.isString()) {
                    roles.add(role.stringValue());
                }
            }
            List<Permission.Grantee> grantees = new ArrayList<>();
            JsonNode single = p.path("grantedToV2");
            if (single.isObject()) {
                grantees.add(grantee(single));
            }
            for (JsonNode identity : array(p, "grantedToIdentitiesV2")) {
                grantees.add(grantee(identity));
            }
            permissions.add(new Permission(roles, text(p.path("link"), "scope"), grantees));
        }
        return new PermissionPage(permissions, text(page, NEXT_LINK));
    }

    private static Permission.Grantee grantee(JsonNode set) {
        JsonNode user = set.path("user");
        JsonNode siteUser = set.path("siteUser");
        JsonNode siteGroup = set.path("siteGroup");
        String siteGroupName = siteGroup.isObject()
                ? firstNonNull(text(siteGroup, "displayName"), text(siteGroup, "loginName"), "(unnamed)") : null;
        return new Permission.Grantee(text(user, "id"), text(user, "email"), text(user, "userPrincipalName"),
                text(set.path("group"), "id"), text(siteUser, "loginName"), text(siteUser, "email"), siteGroupName);
    }

    /** A page of a site's drives (document libraries): their ids and the next link. */
    record DrivesPage(List<String> driveIds, String nextLink) {
    }

    static DrivesPage drives(JsonNode page) {
        List<String> ids = new ArrayList<>();
        for (JsonNode drive : array(page, "value")) {
            String id = text(drive, "id");
            if (id != null) {
                ids.add(id);
            }
        }
        return new DrivesPage(ids, text(page, NEXT_LINK));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isMissingNode() || value.isContainer()) {
            return null;
        }
        String s = value.asString();
        return s == null || s.isEmpty() ? null : s;
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isArray() ? value.values() : List.of();
    }

    static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
