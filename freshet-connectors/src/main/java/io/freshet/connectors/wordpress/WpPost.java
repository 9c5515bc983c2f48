package io.freshet.connectors.wordpress;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One post (or page) as the REST API lists it, the fields the connector reads. {@code modifiedGmt} is WordPress's
 * {@code modified_gmt} read as UTC (the API writes it without an offset); {@code contentProtected} is
 * {@code content.protected}, true for a password-protected post whatever {@code content.rendered} holds (with
 * {@code context=edit} WordPress renders a protected post's content for its editors).
 */
record WpPost(long id, String type, String status, Instant modifiedGmt, String slug, String link, String titleRendered,
              String contentRendered, boolean contentProtected, long author, List<Long> categories, List<Long> tags) {

    WpPost {
        Objects.requireNonNull(modifiedGmt, "modifiedGmt");
        status = status == null ? "publish" : status;
        titleRendered = titleRendered == null ? "" : titleRendered;
        contentRendered = contentRendered == null ? "" : contentRendered;
        categories = categories == null ? List.of() : List.copyOf(categories);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Readable by anyone who may read the site: published and not behind a post password. */
    boolean readable() {
        return "publish".equals(status) && !contentProtected;
    }

    /**
     * A short digest of what the connector publishes of this post, so a post edited twice within one second (WordPress
     * keeps seconds) is told apart from the same post read again.
     */
    String digest() {
        int hash = Objects.hash(status, contentProtected, slug, link, titleRendered, contentRendered, author, categories,
                tags);
        return Integer.toString(hash, 36).replace('-', 'm');
    }
}
