package io.freshet.connectors.wordpress;

import io.freshet.connectors.ConnectorVersion;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a WordPress site's posts and pages (REST API, WordPress 5.7+) as document changes. Each task syncs some of
 * the configured post types; see docs/connectors/wordpress.md.
 */
public final class WordPressSourceConnector extends SourceConnector {

    private Map<String, String> props;
    private List<String> types;

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        WordPressConfig config = new WordPressConfig(props);
        this.props = Map.copyOf(props);
        this.types = config.postTypes();
    }

    @Override
    public Class<? extends Task> taskClass() {
        return WordPressSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<String> group : ConnectorUtils.groupPartitions(types, Math.min(maxTasks, types.size()))) {
            Map<String, String> task = new HashMap<>(props);
            task.put(WordPressConfig.TASK_POST_TYPES, String.join(",", group));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        // Nothing held: the tasks own their HTTP clients.
    }

    @Override
    public ConfigDef config() {
        return WordPressConfig.CONFIG_DEF;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        // Not claimed: at-least-once suffices, as a post published again carries the same version, which changes nothing.
        return ExactlyOnceSupport.UNSUPPORTED;
    }
}
