package io.freshet.connectors.sharepoint;

import io.freshet.connectors.ChangeTopicConfig;
import io.freshet.connectors.ConnectorVersion;
import io.freshet.connectors.RetryPause;
import io.freshet.connectors.http.SourceHttp;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Connect side of the SharePoint connector: builds the pieces from the task's settings and hands poll() to
 * {@link SharePointSync}. Its drives' positions come from Connect's offsets, one source partition per drive.
 */
public final class SharePointSourceTask extends SourceTask {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private volatile SharePointSync sync;

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        SharePointConfig config = new SharePointConfig(props);
        SourceHttp http = new SourceHttp(CONNECT_TIMEOUT, config.requestTimeout());
        GraphTokens tokens = new GraphTokens(http, config.tokenEndpoint(), config.clientId(), config.clientSecret(),
                config.scope());
        GraphClient graph = new GraphClient(http, tokens, config.graphBaseUrl());
        AclMapper aclMapper = new AclMapper(config.userAttribute(), config.anonymousLinksPublic(),
                ChangeTopicConfig.defaultAcl(config));
        ItemPublisher publisher = new ItemPublisher(graph, aclMapper,
                new ChangeMapper(ChangeTopicConfig.sourceName(config)), ChangeTopicConfig.records(config),
                new VersionClock(), Clock.systemUTC(), config.contentMode(), config.inlineMaxBytes());
        RetryPause pause = new RetryPause(config.retryBackoffInitial(), config.retryBackoffMax());
        OffsetStorageReader offsets = context.offsetStorageReader();
        sync = new SharePointSync(graph, publisher, pause, config.pollInterval(), config.retryBackoffMax(),
                config.driveIds(), config.siteIds(),
                driveId -> OffsetRule.storedLink(offsets.offset(OffsetRule.partition(driveId))));
    }

    @Override
    public List<SourceRecord> poll() {
        SharePointSync current = sync;
        return current == null ? null : current.poll();
    }

    @Override
    public void stop() {
        SharePointSync current = sync;
        if (current != null) {
            current.stop();
        }
    }

    /** Items skipped because they broke the event contract (each logged at WARN). */
    public long poisonedItems() {
        SharePointSync current = sync;
        return current == null ? 0 : current.poisoned();
    }
}
