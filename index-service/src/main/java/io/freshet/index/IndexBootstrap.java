package io.freshet.index;

import io.freshet.contract.index.ChunkIndex;
import io.freshet.contract.index.StatusIndex;
import io.freshet.pipeline.opensearch.OpenSearchProperties;
import io.freshet.contract.failure.TransientFailureException;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;

/**
 * Creates the chunk and status indices if they are missing, before anything is written: a bulk write to a
 * missing index would auto-create it with a guessed mapping (vectors as plain floats). Runs in the
 * background and keeps retrying with backoff while OpenSearch is unreachable, so the app starts anyway;
 * until it succeeds the writer reports a transient failure and records wait in Kafka.
 */
public class IndexBootstrap implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IndexBootstrap.class);

    private final OpenSearchClient client;
    private final OpenSearchProperties openSearch;
    private final IndexProperties index;
    private final JsonMapper json = JsonMapper.builder().build();

    private volatile boolean ready;
    private volatile String problem = "not yet checked";
    private volatile Thread worker;

    public IndexBootstrap(OpenSearchClient client, OpenSearchProperties openSearch, IndexProperties index) {
        this.client = client;
        this.openSearch = openSearch;
        this.index = index;
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

    /** Creates what is missing and checks the chunk index's vector size; true when both indices are usable. */
    public synchronized boolean ensureIndices() {
        try {
            createIfMissing(openSearch.chunkIndex(), ChunkIndex.indexBody(index.dimensions(), index.hnswM(),
                    index.hnswEfConstruction(), openSearch.shards(), openSearch.replicas()));
            createIfMissing(openSearch.statusIndex(), StatusIndex.indexBody(openSearch.shards(), openSearch.replicas()));
            addAccessFields(openSearch.statusIndex());
            int dimensions = chunkIndexDimensions();
            if (dimensions != index.dimensions()) {
                problem = "index " + openSearch.chunkIndex() + " holds " + dimensions + "-dimension vectors but "
                        + "freshet.index.dimensions is " + index.dimensions() + "; re-create the index or fix the setting";
                log.error(problem);
                ready = false;
                return false;
            }
            ready = true;
            problem = null;
            return true;
        } catch (IOException | RuntimeException e) {
            problem = "OpenSearch at " + openSearch.url() + " unavailable: " + e.getMessage();
            ready = false;
            return false;
        }
    }

    private void createIfMissing(String name, String body) throws IOException {
        if (client.indices().exists(e -> e.index(name)).value()) {
            return;
        }
        try (Response response = client.generic().execute(
                Requests.builder().method("PUT").endpoint("/" + name).json(body).build())) {
            String text = response.getBody().map(Body::bodyAsString).orElse("");
            if (response.getStatus() == 200) {
                log.info("created index {}", name);
            } else if (!text.contains("resource_already_exists_exception")) { // another instance won the race
                throw new IllegalStateException("creating index " + name + " failed (HTTP " + response.getStatus() + "): " + text);
            }
        }
    }

    /** A status index from before records carried source and ACL gets those fields (idempotent). */
    private void addAccessFields(String name) throws IOException {
        try (Response response = client.generic().execute(Requests.builder().method("PUT").endpoint("/" + name + "/_mapping")
                .json(StatusIndex.accessMappingBody()).build())) {
            if (response.getStatus() != 200) {
                throw new IllegalStateException("adding the access fields to " + name + " failed (HTTP " + response.getStatus()
                        + "): " + response.getBody().map(Body::bodyAsString).orElse(""));
            }
        }
    }

    private int chunkIndexDimensions() throws IOException {
        try (Response response = client.generic().execute(
                Requests.builder().method("GET").endpoint("/" + openSearch.chunkIndex() + "/_mapping").build())) {
            String text = response.getBody().map(Body::bodyAsString).orElse("{}");
            if (response.getStatus() != 200) {
                throw new IllegalStateException("reading the mapping of " + openSearch.chunkIndex() + " failed (HTTP "
                        + response.getStatus() + "): " + text);
            }
            JsonNode root = json.readTree(text);
            // The response is keyed by the concrete index name, which differs from ours when ours is an alias.
            JsonNode mapping = root.properties().iterator().next().getValue();
            return mapping.path("mappings").path("properties").path(ChunkIndex.EMBEDDING).path("dimension").asInt(-1);
        }
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
