package io.freshet.connectors.wordpress;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.ChangeLimits;
import io.freshet.contract.event.Content;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.Operation;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a post into the change Freshet indexes: a readable post (published, no post password) into an UPSERT of its
 * rendered HTML, anything else the connector can see (draft, pending, private, future, trash, password-protected) into
 * a DELETE. Pure: no HTTP, no clock; the version is the caller's.
 */
final class PostMapper {

    private final String siteKey;
    private final String source;
    private final Acl acl;

    PostMapper(String siteKey, String source, Acl acl) {
        this.siteKey = siteKey;
        this.source = source;
        this.acl = acl;
    }

    /**
     * The part of a document id that names the site: host, the port when the URL names one, and the path of a site
     * installed in a folder ({@code example.com/blog}), so two sites on one host do not share ids.
     */
    static String siteKey(URI site) {
        String host = site.getHost().toLowerCase(Locale.ROOT);
        String port = site.getPort() >= 0 ? ":" + site.getPort() : "";
        String path = site.getPath() == null ? "" : site.getPath().replaceAll("/+$", "");
        return host + port + path;
    }

    String documentId(String type, long postId) {
        return "wordpress:" + siteKey + ":" + type + ":" + postId;
    }

    DocumentChange change(String type, WpPost post, long version) {
        String id = documentId(type, post.id());
        if (!post.readable()) {
            return delete(id, version, post.modifiedGmt());
        }
        String title = HtmlText.toPlain(post.titleRendered());
        if (title.length() > ChangeLimits.MAX_TITLE_CHARS) {
            title = title.substring(0, ChangeLimits.MAX_TITLE_CHARS - 1) + "\u2026";
        }
        // The title as a heading, so a passage quoting it is found by it and ingest's title detection agrees.
        String html = (title.isEmpty() ? "" : "<h1>" + HtmlText.escape(title) + "</h1>\n") + post.contentRendered();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("wordpress.type", type);
        metadata.put("wordpress.id", Long.toString(post.id()));
        if (post.slug() != null && !post.slug().isEmpty()) {
            metadata.put("wordpress.slug", post.slug());
        }
        metadata.put("wordpress.author", Long.toString(post.author()));
        if (!post.categories().isEmpty()) {
            metadata.put("wordpress.categories", join(post.categories()));
        }
        if (!post.tags().isEmpty()) {
            metadata.put("wordpress.tags", join(post.tags()));
        }
        metadata.put("wordpress.modified", post.modifiedGmt().toString());
        DocumentHeader header = new DocumentHeader(id, source, version, Operation.UPSERT, title.isEmpty() ? null : title,
                post.link(), "text/html", metadata, acl, post.modifiedGmt());
        return new DocumentChange(header, Content.ofText(html));
    }

    DocumentChange delete(String id, long version, Instant occurredAt) {
        return DocumentChange.delete(id, source, version, occurredAt);
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
