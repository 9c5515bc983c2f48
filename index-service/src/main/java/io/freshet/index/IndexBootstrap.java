package io.freshet.index;

import io.freshet.contract.index.ChunkIndex;
import io.freshet.contract.index.ModelCatalog;
import io.freshet.contract.index.StatusIndex;
import io.freshet.pipeline.opensearch.OpenSearchProperties;
import io.freshet.contract.failure.TransientFailureException;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Creates the chunk and status indices if they are missing, before anything is written: a bulk write to a
 * missing index would auto-create it with a guessed mapping (vectors as plain floats). Runs in the
 * background and keeps retrying with backoff while OpenSearch is unreachable, so the app starts anyway;
 * until it succeeds the writer reports a transient failure and records wait in Kafka.
 */
public class IndexBootstrap implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IndexBootstrap.class);

    private final OpenSearchProperties openSearch;
    private final IndexProperties index;
    private final IndexAdmin admin;

    private volatile boolean ready;
    private volatile String problem = "not yet checked";
    private volatile Thread worker;

    public IndexBootstrap(OpenSearchClient client, OpenSearchProperties openSearch, IndexProperties index) {
        this.openSearch = openSearch;
        this.index = index;
        this.admin = new IndexAdmin(client);
    }

    public boolean isReady() {
        return ready;
    }

    /** Why the indices are not ready, or null when they are. */
    public String problem() {
        return ready ? null : problem;
    }

    public void requireReady() {
        if (!ready) {
            throw new TransientFailureException("the indices are not ready: " + problem, null);
        }
    }

    /**
     * Creates what is missing and checks the chunk index's vector size; true when both indices are usable. The indices
     * are this service's model's ({@link ModelCatalog#indexOf}); the first model to arrive also gets the aliases readers
     * use. A plain index under an alias's name (from before per-model indices) is copied into the model's index first,
     * then replaced by the alias in one step: queries read the old one until then.
     */
    public synchronized boolean ensureIndices() {
        try {
            String model = index.model();
            String chunks = chunkIndex();
            String status = statusIndex();
            admin.createIfMissing(chunks, ChunkIndex.indexBody(model, index.dimensions(), index.hnswM(),
                    index.hnswEfConstruction(), openSearch.shards(), openSearch.replicas()));
            admin.createIfMissing(status, StatusIndex.indexBody(openSearch.shards(), openSearch.replicas()));
            admin.putMapping(status, StatusIndex.accessMappingBody());
            int dimensions = chunkIndexDimensions(chunks);
            if (dimensions != index.dimensions()) {
                problem = "index " + chunks + " holds " + dimensions + "-dimension vectors but model " + model + " makes "
                        + index.dimensions() + "; re-create the index or fix freshet.index.dimensions";
                log.error(problem);
                ready = false;
                return false;
            }
            ensureAliases(chunks, status);
            ready = true;
            problem = null;
            return true;
        } catch (IOException | RuntimeException e) {
            problem = "OpenSearch at " + openSearch.url() + " unavailable: " + e.getMessage();
            ready = false;
            return false;
        }
    }

    /** The chunk index this service writes: its model's, behind the readers' alias. */
    public String chunkIndex() {
        return ModelCatalog.indexOf(openSearch.chunkIndex(), index.model());
    }

    /** The status index this service writes: its model's. */
    public String statusIndex() {
        return ModelCatalog.indexOf(openSearch.statusIndex(), index.model());
    }

    private void ensureAliases(String chunks, String status) throws IOException {
        String chunkAlias = openSearch.chunkIndex();
        String statusAlias = openSearch.statusIndex();
        var plain = new java.util.ArrayList<String>();
        for (var pair : Map.of(chunkAlias, chunks, statusAlias, status).entrySet()) {
            if (admin.isPlainIndex(pair.getKey())) {
                log.warn("{} is an index from before per-model indices: copying it into {} (queries read it meanwhile)",
                        pair.getKey(), pair.getValue());
                admin.copy(pair.getKey(), pair.getValue());
                plain.add(pair.getKey());
            }
        }
        if (!plain.isEmpty()) {
            admin.moveAliases(Map.of(chunkAlias, chunks, statusAlias, status), plain);
            log.warn("{} replaced by aliases on {} and {}", plain, chunks, status);
        } else if (admin.aliasTargets(chunkAlias).isEmpty()) {
            admin.moveAliases(Map.of(chunkAlias, chunks, statusAlias, status), List.of());
            log.info("{} and {} now serve {} and {} (model {})", chunkAlias, statusAlias, chunks, status, index.model());
        }
    }

    private int chunkIndexDimensions(String chunks) throws IOException {
        JsonNode mapping = admin.mappings(chunks).values().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("index " + chunks + " has no mapping"));
        return mapping.path("properties").path(ChunkIndex.EMBEDDING).path("dimension").asInt(-1);
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::createWithBackoff, "index-bootstrap");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    private void createWithBackoff() {
        Duration wait = index.bootstrapRetryStart();
        while (!Thread.currentThread().isInterrupted() && !ensureIndices()) {
            log.warn("indices not ready ({}); retrying in {}", problem, wait);
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = wait.multipliedBy(2).compareTo(index.bootstrapRetryMax()) > 0 ? index.bootstrapRetryMax() : wait.multipliedBy(2);
        }
    }

    @Override
    public void stop() {
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    /** Start before the Kafka listener containers, so the first records usually find the indices ready. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
