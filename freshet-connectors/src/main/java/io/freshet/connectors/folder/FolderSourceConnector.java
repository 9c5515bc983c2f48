package io.freshet.connectors.folder;

import io.freshet.connectors.ConnectorVersion;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

import java.util.List;
import java.util.Map;

/**
 * Publishes the files of a folder (a mounted file share, a synced directory) as document changes: added and changed
 * files as upserts with their bytes, removed ones as deletes, renames detected by content. One task: a folder's scan is
 * one walk, and its state is one set of offsets.
 */
public final class FolderSourceConnector extends SourceConnector {

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new FolderConfig(props); // fails the connector with the setting's name when it is wrong
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FolderSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
        // Nothing held: the task holds the scan.
    }

    @Override
    public ConfigDef config() {
        return FolderConfig.DEFINITION;
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        // Offsets and records are written together when the worker runs exactly-once sources.
        return ExactlyOnceSupport.SUPPORTED;
    }
}
