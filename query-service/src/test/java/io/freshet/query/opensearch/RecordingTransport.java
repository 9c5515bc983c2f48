package io.freshet.query.opensearch;

import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.json.PlainJsonSerializable;
import org.opensearch.client.opensearch.core.MsearchRequest;
import org.opensearch.client.transport.Endpoint;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.TransportOptions;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A transport that passes every request on and keeps its body as JSON (an _msearch as its bodies), for assertions. */
final class RecordingTransport implements OpenSearchTransport {

    private final OpenSearchTransport delegate;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    RecordingTransport(OpenSearchTransport delegate) {
        this.delegate = delegate;
    }

    /** The JSON bodies sent, in order; each search of an _msearch is one. */
    List<String> bodies() {
        return bodies;
    }

    void clear() {
        bodies.clear();
    }

    private void record(Object request) {
        if (request instanceof MsearchRequest msearch) {
            msearch.searches().forEach(item -> bodies.add(item.body().toJsonString()));
        } else if (request instanceof PlainJsonSerializable json) {
            bodies.add(json.toJsonString());
        }
    }

    @Override
    public <RequestT, ResponseT, ErrorT> ResponseT performRequest(RequestT request,
            Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) throws IOException {
        record(request);
        return delegate.performRequest(request, endpoint, options);
    }

    @Override
    public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(RequestT request,
            Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
        record(request);
        return delegate.performRequestAsync(request, endpoint, options);
    }

    @Override
    public JsonpMapper jsonpMapper() {
        return delegate.jsonpMapper();
    }

    @Override
    public TransportOptions options() {
        return delegate.options();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
