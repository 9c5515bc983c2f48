package io.freshet.connectors;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.ChangeLimits;
import io.freshet.contract.event.Topics;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.List;

/**
 * The settings every Freshet connector shares, defined once: where the changes go ({@code topic}), the {@code source}
 * name they carry (a document belongs to the source that first published it), and the default ACL for documents whose
 * source says nothing about readers.
 */
public final class ChangeTopicConfig {

    public static final String TOPIC = "topic";
    public static final String SOURCE_NAME = "source.name";
    public static final String ACL_PUBLIC = "acl.public";
    public static final String ACL_PRINCIPALS = "acl.principals";
    public static final String GROUP = "Freshet";

    private ChangeTopicConfig() {
    }

    /** Adds the shared settings to a connector's definition; {@code defaultSource} names the connector's kind. */
    public static ConfigDef addTo(ConfigDef def, String defaultSource) {
        return def
                .define(TOPIC, ConfigDef.Type.STRING, Topics.CHANGES, new ConfigDef.NonEmptyString(),
                        ConfigDef.Importance.MEDIUM, "The topic the document changes are published to.",
                        GROUP, 1, ConfigDef.Width.MEDIUM, "Changes topic")
                .define(SOURCE_NAME, ConfigDef.Type.STRING, defaultSource, new SourceName(),
                        ConfigDef.Importance.HIGH, "The 'source' every change carries. A document belongs to the source "
                                + "that first published it: two connectors must not share a name unless they are one.",
                        GROUP, 2, ConfigDef.Width.SHORT, "Source name")
                .define(ACL_PUBLIC, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.HIGH,
                        "Whether the documents are readable by every caller of the query API, where the source carries "
                                + "no readers of its own. Default false: private unless acl.principals grants them.",
                        GROUP, 3, ConfigDef.Width.SHORT, "Public")
                .define(ACL_PRINCIPALS, ConfigDef.Type.LIST, List.of(), ConfigDef.Importance.HIGH,
                        "Principals that may read the documents where the source carries no readers of its own: user "
                                + "names, group:<name>, or " + Acl.EVERYONE_IN_ORGANISATION + ".",
                        GROUP, 4, ConfigDef.Width.LONG, "Readers");
    }

    /** The ACL a connector's settings give a document whose source names no readers. */
    public static Acl defaultAcl(AbstractConfig config) {
        return new Acl(config.getBoolean(ACL_PUBLIC), config.getList(ACL_PRINCIPALS));
    }

    public static String sourceName(AbstractConfig config) {
        return config.getString(SOURCE_NAME);
    }

    public static ChangeRecords records(AbstractConfig config) {
        return new ChangeRecords(config.getString(TOPIC));
    }

    /** A source name within the contract's bounds, without control characters. */
    private static final class SourceName implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String source = (String) value;
            if (source == null || source.isBlank()) {
                throw new ConfigException(name, value, "must not be empty");
            }
            if (source.length() > ChangeLimits.MAX_SOURCE_CHARS || source.chars().anyMatch(Character::isISOControl)) {
                throw new ConfigException(name, value, "at most " + ChangeLimits.MAX_SOURCE_CHARS
                        + " characters, no control characters");
            }
        }

        @Override
        public String toString() {
            return "a source name (1-" + ChangeLimits.MAX_SOURCE_CHARS + " characters)";
        }
    }
}
