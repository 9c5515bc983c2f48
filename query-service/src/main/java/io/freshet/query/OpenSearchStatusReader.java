package io.freshet.query;

import io.freshet.contract.index.StatusIndex;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.core.GetResponse;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Reads a document's record from the status index that index-service keeps. */
public class OpenSearchStatusReader {

    private final OpenSearchClient client;
    private final String statusIndex;
    private final OpenSearchCalls calls;

    public OpenSearchStatusReader(OpenSearchClient client, String statusIndex, OpenSearchCalls calls) {
        this.client = client;
        this.statusIndex = statusIndex;
        this.calls = calls;
    }

    @SuppressWarnings("rawtypes")
    public Optional<DocumentStatusView> status(String id) {
        GetResponse<Map> response;
        try {
            response = calls.call(() -> client.get(g -> g.index(statusIndex).id(id), Map.class));
        } catch (OpenSearchException e) {
            if (e.error() != null && "index_not_found_exception".equals(e.error().type())) {
                return Optional.empty(); // index-service has not written anything yet
            }
            throw e;
        }
        if (!response.found() || response.source() == null) {
            return Optional.empty();
        }
        Map source = response.source();
        Object updated = source.get(StatusIndex.UPDATED_AT);
        return Optional.of(new DocumentStatusView(
                String.valueOf(source.get(StatusIndex.ID)),
                String.valueOf(source.get(StatusIndex.STATE)),
                ((Number) source.get(StatusIndex.VERSION)).longValue(),
                source.get(StatusIndex.CHUNKS) == null ? 0 : ((Number) source.get(StatusIndex.CHUNKS)).intValue(),
                (String) source.get(StatusIndex.REASON),
                updated == null ? null : Instant.parse(String.valueOf(updated))));
    }
}
