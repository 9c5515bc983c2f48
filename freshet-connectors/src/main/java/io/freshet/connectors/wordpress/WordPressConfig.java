package io.freshet.connectors.wordpress;

import io.freshet.connectors.ChangeTopicConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The WordPress connector's settings (docs/connectors/wordpress.md), validated when the connector starts. */
public final class WordPressConfig extends AbstractConfig {

    public static final String URL = "wordpress.url";
    public static final String POST_TYPES = "wordpress.post.types";
    public static final String USERNAME = "wordpress.username";
    public static final String PASSWORD = "wordpress.password";
    public static final String POLL_INTERVAL_MS = "wordpress.poll.interval.ms";
    public static final String RECONCILE_INTERVAL_MS = "wordpress.reconcile.interval.ms";
    public static final String PAGE_SIZE = "wordpress.page.size";
    public static final String REQUEST_TIMEOUT_MS = "wordpress.request.timeout.ms";
    public static final String RETRY_BACKOFF_MS = "wordpress.retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "wordpress.retry.backoff.max.ms";
    /** Set by the connector for each task: the post types it syncs. */
    static final String TASK_POST_TYPES = "wordpress.task.post.types";

    private static final String GROUP = "WordPress";
    /** A REST base as WordPress registers it (posts, pages, a custom type's rest_base). */
    private static final Pattern REST_BASE = Pattern.compile("[a-z0-9_-]{1,64}");

    public static final ConfigDef CONFIG_DEF = definition();

    public WordPressConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        checkCredentials();
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef()
                .define(URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new SiteUrl(), Importance.HIGH,
                        "The site's address, where /wp-json/ is found: https://example.com, or "
                                + "https://example.com/blog for a site in a folder. WordPress 5.7 or later.",
                        GROUP, 1, Width.LONG, "Site URL")
                .define(POST_TYPES, Type.LIST, List.of("posts", "pages"), new RestBases(), Importance.HIGH,
                        "The post types to index, by REST base (/wp-json/wp/v2/<base>). A custom post type needs "
                                + "show_in_rest. Tasks share the types out.",
                        GROUP, 2, Width.MEDIUM, "Post types")
                .define(USERNAME, Type.STRING, "", Importance.HIGH,
                        "The WordPress user of the application password. With credentials the connector also reads "
                                + "drafts, pending, private, scheduled and trashed posts (context=edit), so unpublishing "
                                + "is seen at the next poll; the user needs to edit the posts (an Editor). Empty: only "
                                + "published posts are read, unpublishing is seen by reconciliation.",
                        GROUP, 3, Width.MEDIUM, "User")
                .define(PASSWORD, Type.PASSWORD, null, Importance.HIGH,
                        "The user's application password (Users > Profile > Application Passwords), sent as HTTP "
                                + "Basic authentication; only over https, or http to this machine. Use a config "
                                + "provider: ${file:/etc/freshet/wordpress.properties:password}.",
                        GROUP, 4, Width.MEDIUM, "Application password")
                .define(POLL_INTERVAL_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(10), Importance.MEDIUM,
                        "How often the site is asked for posts modified since the last poll, in milliseconds.",
                        GROUP, 5, Width.SHORT, "Poll interval")
                .define(RECONCILE_INTERVAL_MS, Type.LONG, 3_600_000L, ConfigDef.Range.atLeast(10), Importance.MEDIUM,
                        "How often every published id is listed to find posts unpublished or deleted for good, in "
                                + "milliseconds. One request per 100 posts; the first runs once the initial sync is done.",
                        GROUP, 6, Width.SHORT, "Reconciliation interval")
                .define(PAGE_SIZE, Type.INT, 100, ConfigDef.Range.between(1, 100), Importance.LOW,
                        "Posts per request (per_page, at most 100 in WordPress).",
                        GROUP, 7, Width.SHORT, "Page size")
                .define(REQUEST_TIMEOUT_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(100), Importance.LOW,
                        "How long one request may take, in milliseconds, before the site counts as unavailable.",
                        GROUP, 8, Width.SHORT, "Request timeout")
                .define(RETRY_BACKOFF_MS, Type.LONG, 1_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "The first pause after a failed request, doubling up to wordpress.retry.backoff.max.ms; a "
                                + "Retry-After the site sends (429, 503) is honoured when longer.",
                        GROUP, 9, Width.SHORT, "First retry pause")
                .define(RETRY_BACKOFF_MAX_MS, Type.LONG, 300_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "The longest pause between attempts while the site is unavailable or refuses the credentials.",
                        GROUP, 10, Width.SHORT, "Longest retry pause")
                .defineInternal(TASK_POST_TYPES, Type.LIST, "", Importance.LOW);
        return ChangeTopicConfig.addTo(def, "wordpress");
    }

    private void checkCredentials() {
        boolean user = !username().isEmpty();
        boolean password = getPassword(PASSWORD) != null && !getPassword(PASSWORD).value().isEmpty();
        if (user != password) {
            throw new ConfigException(user ? PASSWORD : USERNAME, user ? "[hidden]" : "",
                    "set both " + USERNAME + " and " + PASSWORD + ", or neither");
        }
        if (user && "http".equalsIgnoreCase(siteUrl().getScheme()) && !loopback(siteUrl().getHost())) {
            throw new ConfigException(URL, getString(URL), "an application password is sent only over https "
                    + "(plain http only to this machine)");
        }
        if (getLong(RETRY_BACKOFF_MAX_MS) < getLong(RETRY_BACKOFF_MS)) {
            throw new ConfigException(RETRY_BACKOFF_MAX_MS, getLong(RETRY_BACKOFF_MAX_MS),
                    "must not be below " + RETRY_BACKOFF_MS);
        }
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The site's URL without a trailing slash. */
    public URI siteUrl() {
        return URI.create(getString(URL).replaceAll("/+$", ""));
    }

    public List<String> postTypes() {
        return getList(POST_TYPES);
    }

    /** The types this task syncs: its share when the connector gave it one, else all. */
    List<String> taskPostTypes() {
        List<String> assigned = getList(TASK_POST_TYPES);
        return assigned.isEmpty() ? postTypes() : assigned;
    }

    public String username() {
        return getString(USERNAME).strip();
    }

    boolean hasCredentials() {
        return !username().isEmpty();
    }

    Password password() {
        return getPassword(PASSWORD);
    }

    Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    Duration reconcileInterval() {
        return Duration.ofMillis(getLong(RECONCILE_INTERVAL_MS));
    }

    int pageSize() {
        return getInt(PAGE_SIZE);
    }

    Duration requestTimeout() {
        return Duration.ofMillis(getLong(REQUEST_TIMEOUT_MS));
    }

    Duration retryBackoff() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MS));
    }

    Duration retryBackoffMax() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS));
    }

    private static final class SiteUrl implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().strip();
            URI uri;
            try {
                uri = URI.create(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "not a URL: " + e.getMessage());
            }
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new ConfigException(name, value, "an http(s) URL of the site, without query, fragment or "
                        + "user info (credentials go in " + USERNAME + " and " + PASSWORD + ")");
            }
        }

        @Override
        public String toString() {
            return "https://example.com or https://example.com/blog";
        }
    }

    private static final class RestBases implements ConfigDef.Validator {
        @SuppressWarnings("unchecked")
        @Override
        public void ensureValid(String name, Object value) {
            List<String> types = (List<String>) value;
            if (types == null || types.isEmpty()) {
                throw new ConfigException(name, value, "name at least one post type");
            }
            for (String type : types) {
                if (!REST_BASE.matcher(type).matches()) {
                    throw new ConfigException(name, value, "'" + type + "' is not a REST base (a-z, 0-9, _ and -)");
                }
            }
            if (types.stream().distinct().count() != types.size()) {
                throw new ConfigException(name, value, "names a post type twice");
            }
        }

        @Override
        public String toString() {
            return "REST bases, e.g. posts,pages";
        }
    }
}
