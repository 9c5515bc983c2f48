package io.freshet.query.opensearch;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.index.StatusIndex;
import io.freshet.pipeline.opensearch.OpenSearchCalls;
import io.freshet.query.retrieval.DocumentStatuses;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.GetResponse;

import java.util.Map;
import java.util.Optional;

/** Reads a document's record from the status index that index-service keeps. */
public class OpenSearchStatusReader implements DocumentStatuses {

    private final OpenSearchClient client;
    private final String statusIndex;
    private final OpenSearchCalls calls;

    public OpenSearchStatusReader(OpenSearchClient client, String statusIndex, OpenSearchCalls calls) {
        this.client = client;
        this.statusIndex = statusIndex;
        this.calls = calls;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Optional<DocumentStatus> find(String id) {
        // A missing index: index-service has not written anything yet.
        Optional<GetResponse<Map>> response = calls.callUnlessIndexMissing("reading the status of " + id,
                () -> client.get(g -> g.index(statusIndex).id(id), Map.class));
        return response.filter(r -> r.found() && r.source() != null)
                .map(r -> StatusIndex.fromSource((Map<String, Object>) r.source()));
    }
}
