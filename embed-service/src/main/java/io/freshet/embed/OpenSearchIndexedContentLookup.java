package io.freshet.embed;

import io.freshet.contract.event.DocumentState;
import io.freshet.contract.index.StatusIndex;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.core.GetResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads a document's status record with a realtime GET by id (read-only). Any failure means "unknown", so
 * the document is embedded: change detection saves work, it must never hold the pipeline up. While
 * OpenSearch keeps failing, a circuit breaker skips the lookup altogether instead of waiting on every document.
 */
public class OpenSearchIndexedContentLookup implements IndexedContentLookup {

    private static final Logger log = LoggerFactory.getLogger(OpenSearchIndexedContentLookup.class);

    private final OpenSearchClient client;
    private final String statusIndex;
    private final CircuitBreaker breaker;

    public OpenSearchIndexedContentLookup(OpenSearchClient client, String statusIndex, CircuitBreaker breaker) {
        this.client = client;
        this.statusIndex = statusIndex;
        this.breaker = breaker;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Optional<IndexedContent> find(String documentId) {
        if (!breaker.tryAcquirePermission()) {
            log.debug("document {}: status lookup skipped, circuit breaker {} is open", documentId, breaker.getName());
            return Optional.empty();
        }
        long started = System.nanoTime();
        try {
            GetResponse<Map> response = client.get(g -> g.index(statusIndex).id(documentId).realtime(true), Map.class);
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            if (!response.found() || response.source() == null) {
                return Optional.empty();
            }
            return Optional.of(read((Map<String, Object>) response.source()));
        } catch (OpenSearchException e) {
            if (e.error() != null && "index_not_found_exception".equals(e.error().type())) {
                breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                return Optional.empty(); // nothing indexed yet
            }
            return unknown(documentId, e, started);
        } catch (Exception e) { // IOException, a malformed record, anything: embed rather than fail
            return unknown(documentId, e, started);
        }
    }

    private Optional<IndexedContent> unknown(String documentId, Exception e, long started) {
        breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
        log.warn("document {}: cannot read its status record from {} ({}); embedding it without change detection",
                documentId, statusIndex, e.toString());
        return Optional.empty();
    }

    private static IndexedContent read(Map<String, Object> source) {
        DocumentState state;
        try {
            state = DocumentState.valueOf(String.valueOf(source.get(StatusIndex.STATE)));
        } catch (IllegalArgumentException e) {
            state = null; // unknown: holds() is false, so the document is embedded
        }
        return new IndexedContent(number(source.get(StatusIndex.VERSION)), state, (int) number(source.get(StatusIndex.CHUNKS)),
                (String) source.get(StatusIndex.CONTENT_HASH));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
    }
}
