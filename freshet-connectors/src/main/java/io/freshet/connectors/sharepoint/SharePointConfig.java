package io.freshet.connectors.sharepoint;

import io.freshet.connectors.ChangeTopicConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The SharePoint Online / OneDrive connector's settings (docs/connectors/sharepoint.md lists them with examples). */
public final class SharePointConfig extends AbstractConfig {

    public static final String GRAPH_BASE_URL = "graph.base.url";
    public static final String GRAPH_AUTHORITY_URL = "graph.authority.url";
    public static final String GRAPH_TENANT_ID = "graph.tenant.id";
    public static final String GRAPH_CLIENT_ID = "graph.client.id";
    public static final String GRAPH_CLIENT_SECRET = "graph.client.secret";
    public static final String GRAPH_SCOPE = "graph.scope";
    public static final String GRAPH_REQUEST_TIMEOUT_MS = "graph.request.timeout.ms";

    public static final String DRIVE_IDS = "sharepoint.drive.ids";
    public static final String SITE_IDS = "sharepoint.site.ids";
    /** Site ids hold commas, so they are separated by semicolons (or line breaks). */
    static final String SITE_SEPARATOR = "[;\\n]";
    public static final String CONTENT_MODE = "sharepoint.content.mode";
    public static final String CONTENT_INLINE_MAX_BYTES = "sharepoint.content.inline.max.bytes";
    public static final String POLL_INTERVAL_MS = "sharepoint.poll.interval.ms";
    public static final String ACL_USER_ATTRIBUTE = "sharepoint.acl.user.attribute";
    public static final String ACL_ANONYMOUS_LINKS_PUBLIC = "sharepoint.acl.anonymous.links.public";
    public static final String RETRY_BACKOFF_INITIAL_MS = "sharepoint.retry.backoff.initial.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "sharepoint.retry.backoff.max.ms";

    /** Base64 grows by 4/3: 8 MiB of bytes is ~10.7 MiB of text, inside the 16 MiB event with room for the rest. */
    public static final long DEFAULT_INLINE_MAX_BYTES = 8L * 1024 * 1024;
    static final long LARGEST_INLINE_BYTES = 11L * 1024 * 1024;

    private static final String GRAPH = "Microsoft Graph";
    private static final String SYNC = "SharePoint";

    public static final ConfigDef CONFIG_DEF = definition();

    public SharePointConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        if (driveIds().isEmpty() && siteIds().isEmpty()) {
            throw new ConfigException("Set " + DRIVE_IDS + " and/or " + SITE_IDS + ": the connector has nothing to sync");
        }
        if (retryBackoffMax().compareTo(retryBackoffInitial()) < 0) {
            throw new ConfigException(RETRY_BACKOFF_MAX_MS, getLong(RETRY_BACKOFF_MAX_MS),
                    "must be at least " + RETRY_BACKOFF_INITIAL_MS);
        }
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef()
                .define(GRAPH_BASE_URL, Type.STRING, "https://graph.microsoft.com/v1.0", new HttpUrl(), Importance.LOW,
                        "Microsoft Graph's base URL, version included. Change it only for a national cloud "
                                + "(e.g. https://graph.microsoft.us/v1.0) or a test server.",
                        GRAPH, 1, Width.LONG, "Graph base URL")
                .define(GRAPH_AUTHORITY_URL, Type.STRING, "https://login.microsoftonline.com", new HttpUrl(),
                        Importance.LOW, "The Microsoft Entra ID login authority; the token endpoint is "
                                + "{authority}/{tenant}/oauth2/v2.0/token.",
                        GRAPH, 2, Width.LONG, "Login authority")
                .define(GRAPH_TENANT_ID, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "The Entra ID tenant (directory) id or its primary domain.",
                        GRAPH, 3, Width.MEDIUM, "Tenant id")
                .define(GRAPH_CLIENT_ID, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "The app registration's application (client) id.",
                        GRAPH, 4, Width.MEDIUM, "Client id")
                .define(GRAPH_CLIENT_SECRET, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                        "The app registration's client secret. Use a Connect config provider "
                                + "(${env:...}, ${file:...}) rather than the secret itself.",
                        GRAPH, 5, Width.MEDIUM, "Client secret")
                .define(GRAPH_SCOPE, Type.STRING, "https://graph.microsoft.com/.default", new ConfigDef.NonEmptyString(),
                        Importance.LOW, "The scope asked for with the client credentials grant: the app's granted "
                                + "application permissions on Graph.",
                        GRAPH, 6, Width.LONG, "Scope")
                .define(GRAPH_REQUEST_TIMEOUT_MS, Type.LONG, 60_000L, ConfigDef.Range.between(1_000L, 600_000L),
                        Importance.LOW, "How long one HTTP request to Graph, the token endpoint or a download may take.",
                        GRAPH, 7, Width.SHORT, "Request timeout (ms)")
                .define(DRIVE_IDS, Type.LIST, List.of(), Importance.HIGH,
                        "Drive ids (document libraries or OneDrives) to sync, e.g. b!AbC...; each is one Connect "
                                + "source partition.",
                        SYNC, 1, Width.LONG, "Drive ids")
                .define(SITE_IDS, Type.STRING, "", Importance.HIGH,
                        "Site ids whose document libraries are all synced, separated by semicolons: a site id holds "
                                + "commas (hostname,site-collection-id,web-id). The libraries are listed when the task "
                                + "starts.",
                        SYNC, 2, Width.LONG, "Site ids")
                .define(CONTENT_MODE, Type.STRING, ContentMode.AUTO.name().toLowerCase(Locale.ROOT),
                        ConfigDef.CaseInsensitiveValidString.in("auto", "bytes", "reference"), Importance.MEDIUM,
                        "How file content travels: 'auto' inlines files up to " + CONTENT_INLINE_MAX_BYTES
                                + " and sends larger ones by reference (the pre-authenticated download URL, valid about "
                                + "an hour; ingest must allow its host in freshet.ingest.fetch.allowed-hosts); 'bytes' "
                                + "always inlines (larger files are skipped with a warning); 'reference' never inlines.",
                        SYNC, 3, Width.SHORT, "Content mode")
                .define(CONTENT_INLINE_MAX_BYTES, Type.LONG, DEFAULT_INLINE_MAX_BYTES,
                        ConfigDef.Range.between(1L, LARGEST_INLINE_BYTES), Importance.MEDIUM,
                        "The largest file sent inline as base64. Base64 adds a third, and the event must stay under "
                                + "16 MiB: at most 11 MiB.",
                        SYNC, 4, Width.SHORT, "Inline limit (bytes)")
                .define(POLL_INTERVAL_MS, Type.LONG, 30_000L, ConfigDef.Range.between(100L, 86_400_000L),
                        Importance.MEDIUM, "How long to wait, once a drive's changes are all read, before asking its "
                                + "delta link again.",
                        SYNC, 5, Width.SHORT, "Poll interval (ms)")
                .define(ACL_USER_ATTRIBUTE, Type.STRING, UserAttribute.ID.configValue(),
                        ConfigDef.CaseInsensitiveValidString.in("id", "email", "userPrincipalName"), Importance.HIGH,
                        "How a user granted access appears among the ACL's principals; it must match what the query "
                                + "service takes from callers' tokens: 'id' (the Entra object id, the oid claim), "
                                + "'email' or 'userPrincipalName'.",
                        SYNC, 6, Width.SHORT, "User principal attribute")
                .define(ACL_ANONYMOUS_LINKS_PUBLIC, Type.BOOLEAN, true, Importance.HIGH,
                        "Whether a file with an anonymous sharing link ('Anyone with the link') is public in Freshet. "
                                + "Default true: anyone holding the link can already read it without signing in. Set "
                                + "false to ignore such links (the file keeps its other readers).",
                        SYNC, 7, Width.SHORT, "Anonymous links make public")
                .define(RETRY_BACKOFF_INITIAL_MS, Type.LONG, 1_000L, ConfigDef.Range.between(10L, 3_600_000L),
                        Importance.LOW, "The first pause after Graph failed (unless it sent Retry-After); doubles on "
                                + "every failure in a row.",
                        SYNC, 8, Width.SHORT, "Backoff start (ms)")
                .define(RETRY_BACKOFF_MAX_MS, Type.LONG, 300_000L, ConfigDef.Range.between(10L, 3_600_000L),
                        Importance.LOW, "The longest pause between attempts while Graph keeps failing.",
                        SYNC, 9, Width.SHORT, "Backoff max (ms)");
        return ChangeTopicConfig.addTo(def, "sharepoint");
    }

    public URI graphBaseUrl() {
        return URI.create(stripSlash(getString(GRAPH_BASE_URL)));
    }

    public URI tokenEndpoint() {
        return URI.create(stripSlash(getString(GRAPH_AUTHORITY_URL)) + "/" + getString(GRAPH_TENANT_ID).strip()
                + "/oauth2/v2.0/token");
    }

    public String clientId() {
        return getString(GRAPH_CLIENT_ID).strip();
    }

    public Password clientSecret() {
        return getPassword(GRAPH_CLIENT_SECRET);
    }

    public String scope() {
        return getString(GRAPH_SCOPE);
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(getLong(GRAPH_REQUEST_TIMEOUT_MS));
    }

    public List<String> driveIds() {
        return getList(DRIVE_IDS).stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    public List<String> siteIds() {
        return Arrays.stream(getString(SITE_IDS).split(SITE_SEPARATOR)).map(String::strip).filter(s -> !s.isEmpty())
                .distinct().toList();
    }

    public ContentMode contentMode() {
        return ContentMode.valueOf(getString(CONTENT_MODE).toUpperCase(Locale.ROOT));
    }

    public long inlineMaxBytes() {
        return getLong(CONTENT_INLINE_MAX_BYTES);
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    public UserAttribute userAttribute() {
        return UserAttribute.of(getString(ACL_USER_ATTRIBUTE));
    }

    public boolean anonymousLinksPublic() {
        return getBoolean(ACL_ANONYMOUS_LINKS_PUBLIC);
    }

    public Duration retryBackoffInitial() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_INITIAL_MS));
    }

    public Duration retryBackoffMax() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS));
    }

    private static String stripSlash(String url) {
        String s = url.strip();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** How file content is carried in a change. */
    public enum ContentMode { AUTO, BYTES, REFERENCE }

    /** Which attribute of a Graph user names it in an ACL. */
    public enum UserAttribute {
        ID("id"), EMAIL("email"), USER_PRINCIPAL_NAME("userPrincipalName");

        private final String configValue;

        UserAttribute(String configValue) {
            this.configValue = configValue;
        }

        public String configValue() {
            return configValue;
        }

        static UserAttribute of(String value) {
            for (UserAttribute a : values()) {
                if (a.configValue.equalsIgnoreCase(value.strip())) {
                    return a;
                }
            }
            throw new ConfigException(ACL_USER_ATTRIBUTE, value, "one of id, email, userPrincipalName");
        }
    }

    /** An absolute http(s) URL. */
    private static final class HttpUrl implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String s = value == null ? "" : ((String) value).strip();
            try {
                URI uri = URI.create(s);
                if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme())
                        || "http".equalsIgnoreCase(uri.getScheme())) || uri.getRawQuery() != null) {
                    throw new ConfigException(name, value, "must be an absolute http(s) URL without a query");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "must be an absolute http(s) URL: " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "an absolute http(s) URL";
        }
    }
}
