package io.freshet.connectors.sharepoint;

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
 * SharePoint Online and OneDrive through Microsoft Graph: every file of the configured drives (and of the document
 * libraries of the configured sites) as DocumentChange events, kept current with delta queries
 * (docs/connectors/sharepoint.md). The drives and sites are spread over the tasks; a task resolves its sites to drives.
 */
public final class SharePointSourceConnector extends SourceConnector {

    private Map<String, String> props;
    private SharePointConfig config;

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.config = new SharePointConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SharePointSourceTask.class;
    }

    /** Each task gets the settings with its share of the drives and sites; at most one task per drive or site. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> targets = new ArrayList<>();
        config.driveIds().forEach(d -> targets.add("d" + d));
        config.siteIds().forEach(s -> targets.add("s" + s));
        List<Map<String, String>> tasks = new ArrayList<>();
        for (List<String> group : ConnectorUtils.groupPartitions(targets, Math.min(maxTasks, targets.size()))) {
            Map<String, String> task = new HashMap<>(props);
            task.put(SharePointConfig.DRIVE_IDS, join(group, 'd', ","));
            task.put(SharePointConfig.SITE_IDS, join(group, 's', ";"));
            tasks.add(task);
        }
        return tasks;
    }

    private static String join(List<String> group, char kind, String separator) {
        return String.join(separator, group.stream().filter(t -> t.charAt(0) == kind).map(t -> t.substring(1)).toList());
    }

    @Override
    public void stop() {
        // Nothing to release: the tasks hold the connections.
    }

    @Override
    public ConfigDef config() {
        return SharePointConfig.CONFIG_DEF;
    }

    /** Delta links can be re-read and re-publishing is idempotent by version, but the connector is not transactional. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }
}
