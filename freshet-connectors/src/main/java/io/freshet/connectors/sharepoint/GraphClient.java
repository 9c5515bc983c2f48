package io.freshet.connectors.sharepoint;

import io.freshet.connectors.http.SourceHttp;
import io.freshet.connectors.http.SourceRefusedException;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Graph calls the connector makes, answered as plain values. Every call carries the bearer token, and a 401 is
 * answered by fetching a new token once. Links from Graph (next and delta links, also those read back from Connect's
 * offsets) are followed only when they point at the configured Graph origin, so the token never goes elsewhere;
 * download URLs are pre-authenticated and fetched without it.
 */
final class GraphClient {

    /**
     * Deleted and unshared items as deletes, permission gaps traversed, sharing changes marked with sharedChanged
     * (SharePoint and OneDrive for Business; the first two are required with the third).
     */
    static final String DELTA_PREFER = "deltashowremovedasdeleted, deltatraversepermissiongaps, deltashowsharingchanges";

    private final SourceHttp http;
    private final GraphTokens tokens;
    private final String base;
    private final String origin;

    GraphClient(SourceHttp http, GraphTokens tokens, URI graphBaseUrl) {
        this.http = http;
        this.tokens = tokens;
        this.base = graphBaseUrl.toString();
        this.origin = graphBaseUrl.getScheme() + "://" + graphBaseUrl.getRawAuthority() + "/";
    }

    /** The first delta request of a drive: the whole current state. */
    String rootDelta(String driveId) {
        return base + "/drives/" + segment(driveId) + "/root/delta";
    }

    /** Whether a link may be asked with the token: it points at the Graph origin configured. */
    boolean isGraphLink(String link) {
        return link != null && link.startsWith(origin);
    }

    /**
     * One page of a drive's delta.
     *
     * @throws DeltaGoneException when Graph answers 410: the token expired or a resync is required
     */
    DeltaPage delta(String link) {
        if (!isGraphLink(link)) {
            throw new IllegalArgumentException("not a link of " + origin);
        }
        try {
            return GraphJson.deltaPage(get(URI.create(link), Map.of("Prefer", DELTA_PREFER)));
        } catch (SourceRefusedException e) {
            if (e.status() == 410) {
                throw new DeltaGoneException(e.getMessage());
            }
            throw e;
        }
    }

    /** Every permission of an item, all pages. */
    List<Permission> permissions(String driveId, String itemId) {
        List<Permission> all = new ArrayList<>();
        pages(base + "/drives/" + segment(driveId) + "/items/" + segment(itemId) + "/permissions", page -> {
            GraphJson.PermissionPage p = GraphJson.permissions(page);
            all.addAll(p.permissions());
            return p.nextLink();
        });
        return all;
    }

    /** The ids of a site's drives (its document libraries), all pages. */
    List<String> siteDrives(String siteId) {
        List<String> all = new ArrayList<>();
        pages(base + "/sites/" + segment(siteId) + "/drives", page -> {
            GraphJson.DrivesPage p = GraphJson.drives(page);
            all.addAll(p.driveIds());
            return p.nextLink();
        });
        return all;
    }

    /** The pre-authenticated download URL of a file whose delta entry carried none. */
    String downloadUrl(String driveId, String itemId) {
        JsonNode item = get(URI.create(base + "/drives/" + segment(driveId) + "/items/" + segment(itemId)), Map.of());
        return GraphJson.text(item, GraphJson.DOWNLOAD_URL);
    }

    /**
     * A file's bytes, at most {@code maxBytes}: from its pre-authenticated download URL without the token, else from
     * /content with it (Graph redirects to another host, where SourceHttp does not forward it).
     */
    byte[] download(String driveId, DriveItem item, long maxBytes) {
        if (item.downloadUrl() != null) {
            return http.getBytes(URI.create(item.downloadUrl()), Map.of(), maxBytes);
        }
        URI content = URI.create(base + "/drives/" + segment(driveId) + "/items/" + segment(item.id()) + "/content");
        return withToken(headers -> http.getBytes(content, headers, maxBytes), Map.of());
    }

    private void pages(String first, Function<JsonNode, String> readPage) {
        String link = first;
        for (int pages = 0; link != null; pages++) {
            if (!isGraphLink(link) || pages > 10_000) {
                throw new SourceRefusedException(502, "Graph sent a next link that is not a Graph link or never ended");
            }
            link = readPage.apply(get(URI.create(link), Map.of()));
        }
    }

    private JsonNode get(URI uri, Map<String, String> headers) {
        return withToken(h -> http.getJson(uri, h), headers);
    }

    private <T> T withToken(Function<Map<String, String>, T> call, Map<String, String> headers) {
        try {
            return call.apply(authorised(headers));
        } catch (SourceRefusedException e) {
            // Entra ID refusing the credentials is not Graph refusing a token: asking again at once changes nothing.
            if (e.status() != 401 || e instanceof GraphTokens.TokenRefusedException) {
                throw e;
            }
            // Revoked, or the app's permissions changed: one new token, then the refusal stands.
            tokens.invalidate();
            return call.apply(authorised(headers));
        }
    }

    private Map<String, String> authorised(Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Authorization", "Bearer " + tokens.accessToken());
        return all;
    }

    /** A path segment: Graph's ids (b!..., host,guid,guid) keep their characters, anything else is escaped. */
    static String segment(String id) {
        StringBuilder out = new StringBuilder();
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** Graph answered 410 Gone to a delta link: start again from root/delta. */
    static final class DeltaGoneException extends RuntimeException {
        DeltaGoneException(String message) {
            super(message);
        }
    }
}
