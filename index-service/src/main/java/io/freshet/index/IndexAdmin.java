package io.freshet.index;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The index administration index-service does: indices created with their mapping, the aliases readers use moved in
 * one atomic request, a plain index from before aliases copied into its successor. The OpenSearch adapter of
 * {@link IndexBootstrap} and the model change; blocking, with clear errors.
 */
public class IndexAdmin {

    private static final Logger log = LoggerFactory.getLogger(IndexAdmin.class);
    private static final Duration COPY_POLL = Duration.ofMillis(500);

    private final OpenSearchClient client;
    private final JsonMapper json = JsonMapper.builder().build();

    public IndexAdmin(OpenSearchClient client) {
        this.client = client;
    }

    boolean exists(String name) throws IOException {
        return client.indices().exists(e -> e.index(name)).value();
    }

    /** True when {@code name} is an index itself, not an alias (a 0.1 installation's chunk index). */
    boolean isPlainIndex(String name) throws IOException {
        JsonNode found = call("GET", "/" + name + "?filter_path=*.settings.index.provided_name", null, 200, 404);
        return found != null && found.has(name);
    }

    /** Creates the index unless it exists (another instance may win the race: that is fine). */
    void createIfMissing(String name, String body) throws IOException {
        if (exists(name)) {
            return;
        }
        try (Response response = client.generic().execute(Requests.builder().method("PUT").endpoint("/" + name).json(body).build())) {
            String text = response.getBody().map(Body::bodyAsString).orElse("");
            if (response.getStatus() == 200) {
                log.info("created index {}", name);
            } else if (!text.contains("resource_already_exists_exception")) {
                throw new IllegalStateException("creating index " + name + " failed (HTTP " + response.getStatus() + "): " + text);
            }
        }
    }

    /** Makes every write so far searchable in these indices (whatever their refresh interval is now). */
    public void refresh(String... indices) throws IOException {
        call("POST", "/" + String.join(",", indices) + "/_refresh", null, 200);
    }

    void putMapping(String index, String body) throws IOException {
        call("PUT", "/" + index + "/_mapping", body, 200);
    }

    /** The concrete indices an alias (or index) name resolves to, with their mapping. */
    Map<String, JsonNode> mappings(String name) throws IOException {
        JsonNode root = call("GET", "/" + name + "/_mapping", null, 200, 404);
        var found = new java.util.LinkedHashMap<String, JsonNode>();
        if (root != null) {
            root.properties().forEach(entry -> found.put(entry.getKey(), entry.getValue().path("mappings")));
        }
        return found;
    }

    /** The indices {@code alias} points at; empty when there is no such alias. */
    public List<String> aliasTargets(String alias) throws IOException {
        JsonNode root = call("GET", "/_alias/" + alias, null, 200, 404);
        var targets = new ArrayList<String>();
        if (root != null && !root.has("error")) {
            root.propertyNames().forEach(targets::add);
        }
        return targets;
    }

    /**
     * One atomic {@code _aliases} request: each alias in {@code moves} leaves whatever it pointed at and points at its
     * new index; each index in {@code removeIndices} is deleted in the same step (a plain index whose name an alias takes).
     */
    public void moveAliases(Map<String, String> moves, List<String> removeIndices) throws IOException {
        ObjectNode body = json.createObjectNode();
        ArrayNode actions = body.putArray("actions");
        for (String index : removeIndices) {
            actions.addObject().putObject("remove_index").put("index", index);
        }
        for (var move : moves.entrySet()) {
            for (String old : removeIndices.isEmpty() ? aliasTargets(move.getKey()) : List.<String>of()) {
                if (!old.equals(move.getValue())) {
                    actions.addObject().putObject("remove").put("index", old).put("alias", move.getKey());
                }
            }
            actions.addObject().putObject("add").put("index", move.getValue()).put("alias", move.getKey());
        }
        call("POST", "/_aliases", json.writeValueAsString(body), 200);
    }

    /** Copies every document of {@code from} into {@code to} on the cluster, waiting for the task to finish. */
    void copy(String from, String to) throws IOException {
        String body = "{\"source\": {\"index\": \"" + from + "\"}, \"dest\": {\"index\": \"" + to + "\", \"op_type\": \"create\"},"
                + " \"conflicts\": \"proceed\"}";
        JsonNode started = call("POST", "/_reindex?wait_for_completion=false&refresh=true", body, 200);
        String task = started.path("task").asString();
        while (true) {
            JsonNode status = call("GET", "/_tasks/" + task, null, 200);
            if (status.path("completed").asBoolean(false)) {
                JsonNode failures = status.path("response").path("failures");
                if (status.has("error") || failures.size() > 0) {
                    throw new IllegalStateException("copying " + from + " into " + to + " failed: "
                            + (status.has("error") ? status.path("error") : failures));
                }
                log.info("copied {} documents of {} into {}", status.path("response").path("total").asLong(), from, to);
                return;
            }
            try {
                Thread.sleep(COPY_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while copying " + from + " into " + to, e);
            }
        }
    }

    /** How many status records the index holds in each state (terms aggregation on the state field). */
    public Map<String, Long> countsByState(String index, String stateField) throws IOException {
        String body = "{\"size\": 0, \"track_total_hits\": true, \"aggs\": {\"states\": {\"terms\": {\"field\": \""
                + stateField + "\", \"size\": 10}}}}";
        JsonNode result = call("POST", "/" + index + "/_search", body, 200, 404);
        var counts = new java.util.LinkedHashMap<String, Long>();
        if (result != null) {
            result.path("aggregations").path("states").path("buckets")
                    .forEach(bucket -> counts.put(bucket.path("key").asString(), bucket.path("doc_count").asLong()));
        }
        return counts;
    }

    /** A request whose status must be one of {@code accepted}; null for a 404 that is accepted. */
    private JsonNode call(String method, String endpoint, String body, int... accepted) throws IOException {
        var request = Requests.builder().method(method).endpoint(endpoint);
        if (body != null) {
            request.json(body);
        }
        try (Response response = client.generic().execute(request.build())) {
            String text = response.getBody().map(Body::bodyAsString).orElse("");
            for (int status : accepted) {
                if (response.getStatus() == status) {
                    return status == 404 ? null : json.readTree(text.isEmpty() ? "{}" : text);
                }
            }
            throw new IllegalStateException(method + " " + endpoint + " failed (HTTP " + response.getStatus() + "): " + text);
        }
    }
}
