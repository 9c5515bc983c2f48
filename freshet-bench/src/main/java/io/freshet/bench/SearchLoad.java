package io.freshet.bench;

import io.freshet.bench.BeirDataset.Query;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hybrid /v1/search requests shared by a number of concurrent clients, as {@link LatencyPhase} times them: only
 * successful requests are timed, failed ones counted.
 */
final class SearchLoad {

    static final String REQUEST = "POST /v1/search {query, topK: 10, mode: hybrid}";

    private final ServiceClient services;
    private final List<Query> queries;

    SearchLoad(ServiceClient services, List<Query> queries) {
        this.services = services;
        this.queries = queries;
    }

    void warmUp(int requests) {
        for (int i = 0; i < requests; i++) {
            services.searchOrNull(body(i));
        }
    }

    LatencyResult.Clients measure(int clients, int total) {
        List<Double> millis = new CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        Threads.runOnThreads(clients, "bench-curve-client", () -> {
            int i;
            while ((i = next.getAndIncrement()) < total) {
                long t = System.nanoTime();
                try {
                    if (!services.search(body(i)).ok()) {
                        errors.incrementAndGet();
                        continue;
                    }
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                    continue;
                }
                millis.add((System.nanoTime() - t) / 1e6);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        return new LatencyResult.Clients(new LatencySample(millis).summary(), Report.round(millis.size() / seconds, 1), errors.get());
    }

    private Map<String, Object> body(int i) {
        return Map.of("query", queries.get(i % queries.size()).searchText(), "topK", 10, "mode", "hybrid");
    }
}
