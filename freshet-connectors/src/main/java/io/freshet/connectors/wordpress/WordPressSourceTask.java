package io.freshet.connectors.wordpress;

import io.freshet.connectors.ChangeTopicConfig;
import io.freshet.connectors.ConnectorVersion;
import io.freshet.connectors.http.SourceHttp;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Connect side of the WordPress connector: reads this task's offsets, then hands each poll to {@link WordPressSync}.
 * While there is nothing to do (paused after a failure, waiting for the next poll) poll() waits at most a second and
 * returns null, so stop() is prompt.
 */
public final class WordPressSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(WordPressSourceTask.class);
    private static final Duration MAX_WAIT = Duration.ofSeconds(1);

    private final CountDownLatch stopping = new CountDownLatch(1);
    private WordPressSync sync;

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        WordPressConfig config = new WordPressConfig(props);
        String site = config.siteUrl().toString();
        PostMapper mapper = new PostMapper(PostMapper.siteKey(config.siteUrl()), ChangeTopicConfig.sourceName(config),
                ChangeTopicConfig.defaultAcl(config));
        List<Map<String, String>> partitions = new ArrayList<>();
        for (String type : config.taskPostTypes()) {
            partitions.add(TypeSync.partition(site, type));
        }
        Map<Map<String, String>, Map<String, Object>> offsets = context.offsetStorageReader().offsets(partitions);
        long now = System.nanoTime();
        List<TypeSync> types = new ArrayList<>();
        for (String type : config.taskPostTypes()) {
            types.add(new TypeSync(site, type, restore(site, type, offsets.get(TypeSync.partition(site, type))), now));
        }
        WordPressClient client = new WordPressClient(new SourceHttp(Duration.ofSeconds(10), config.requestTimeout()),
                config.siteUrl(), config.pageSize(), config.username(),
                config.hasCredentials() ? config.password().value() : null);
        sync = new WordPressSync(client, ChangeTopicConfig.records(config), mapper, site, types, config,
                System::nanoTime, Instant::now);
        log.info("WordPress task started for {} ({}), {}", site, config.taskPostTypes(), config.hasCredentials()
                ? "as " + config.username() + ": unpublished posts are seen by the change feed"
                : "without credentials: unpublished posts are found by reconciliation");
    }

    private static SyncState restore(String site, String type, Map<String, Object> offset) {
        try {
            SyncState state = SyncState.fromOffset(offset);
            if (offset != null) {
                log.info("Resuming '{}' of {} after {} with {} published posts known", type, site,
                        state.second(), state.publishedIds().size());
            }
            return state;
        } catch (IllegalArgumentException e) {
            log.error("The stored position of '{}' of {} is unreadable ({}); syncing it again from the start. Posts "
                    + "unpublished meanwhile stay indexed until deleted by hand.", type, site, e.getMessage());
            return SyncState.empty();
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        Duration idle = sync.idle();
        if (!idle.isZero()) {
            Duration wait = idle.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : idle;
            stopping.await(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
            return null;
        }
        List<SourceRecord> records = sync.step();
        return records.isEmpty() ? null : records;
    }

    @Override
    public void stop() {
        stopping.countDown();
    }
}
