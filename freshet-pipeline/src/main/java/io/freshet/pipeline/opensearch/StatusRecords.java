package io.freshet.pipeline.opensearch;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.index.StatusIndex;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.GetResponse;

import java.util.Map;
import java.util.Optional;

/**
 * Reads a document's record from the status index that index-service keeps: query-service answers status lookups
 * with it, ingest-service's intake checks an incoming version against it.
 */
public class StatusRecords {

    private final OpenSearchClient client;
    private final String statusIndex;
    private final OpenSearchCalls calls;

    public StatusRecords(OpenSearchClient client, String statusIndex, OpenSearchCalls calls) {
        this.client = client;
        this.statusIndex = statusIndex;
        this.calls = calls;
    }

    /** The record, empty when there is none (or no status index yet); a transient failure when OpenSearch is away. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Optional<DocumentStatus> find(String id) {
        Optional<GetResponse<Map>> response = calls.callUnlessIndexMissing("reading the status of " + id,
                () -> client.get(g -> g.index(statusIndex).id(id), Map.class));
        return response.filter(r -> r.found() && r.source() != null)
                .map(r -> StatusIndex.fromSource((Map<String, Object>) r.source()));
    }
}
