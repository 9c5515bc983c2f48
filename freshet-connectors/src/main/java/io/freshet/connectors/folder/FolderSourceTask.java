package io.freshet.connectors.folder;

import io.freshet.connectors.ChangeTopicConfig;
import io.freshet.connectors.ConnectorVersion;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Connect's side of the folder connector: restores what was published from the stored offsets, then polls. */
public final class FolderSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(FolderSourceTask.class);
    /** A poll waits at most this long for work, so that stop() is never kept waiting. */
    private static final Duration LONGEST_WAIT = Duration.ofMillis(500);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private FolderSync sync;

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        FolderConfig config = new FolderConfig(props);
        String source = ChangeTopicConfig.sourceName(config);
        FolderManifest manifest = new FolderManifest(source, config.root().toString());
        manifest.restore(context.offsetStorageReader().offsets(manifest.partitions()));
        FolderDocuments documents = new FolderDocuments(source, config.root(), config.urlPrefix(),
                ChangeTopicConfig.defaultAcl(config), config.posixAcl());
        sync = new FolderSync(config, new FolderScanner(config.root(), config.excluded()), documents,
                ChangeTopicConfig.records(config), manifest, Clock.systemUTC());
        log.info("Folder connector: watching {} as source '{}' ({} files known from before)", config.root(), source,
                manifest.size());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> records = sync.poll();
        if (!records.isEmpty()) {
            return records;
        }
        Duration idle = sync.idleFor(LONGEST_WAIT);
        if (!idle.isZero()) {
            stopped.await(idle.toMillis(), TimeUnit.MILLISECONDS); // returns at once when the task is stopped
        }
        return null; // Connect calls poll again
    }

    @Override
    public void stop() {
        stopped.countDown();
    }
}
