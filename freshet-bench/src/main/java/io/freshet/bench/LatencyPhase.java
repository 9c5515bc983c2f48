package io.freshet.bench;

import io.freshet.bench.BeirDataset.Query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Query latency at the filled index size: /v1/search (hybrid) and /v1/answer, by 1 and by 8 concurrent clients,
 * after a warm-up. Fails the run on failed requests, never on slow ones.
 */
final class LatencyPhase {

    private static final String SEARCH_REQUEST = "POST /v1/search {query, topK: 10, mode: hybrid}";
    private static final String ANSWER_REQUEST = "POST /v1/answer {question, topK: 5}";

    private final BenchContext context;

    LatencyPhase(BenchContext context) {
        this.context = context;
    }

    LatencyResult run() {
        List<Query> queries = context.data().shuffledQueries();
        long chunks = context.index().chunkCount();
        context.say("Query latency at " + chunks + " chunks, " + context.options().latencyRequests()
                + " requests per endpoint and concurrency ...");
        for (int i = 0; i < Math.min(30, queries.size() * 2); i++) { // warm-up
            String text = queries.get(i % queries.size()).searchText();
            search(text);
            answer(text);
        }
        LatencyResult.Clients[] search = new LatencyResult.Clients[2];
        LatencyResult.Clients[] answer = new LatencyResult.Clients[2];
        int[] clients = {1, 8};
        for (int i = 0; i < clients.length; i++) {
            LatencyResult.Clients s = search[i] = measure(queries, clients[i], this::search);
            LatencyResult.Clients a = answer[i] = measure(queries, clients[i], this::answer);
            context.say(String.format("  %d client(s): search p50 %s ms p99 %s ms (%s req/s); answer p50 %s ms p99 %s ms (%s req/s)",
                    clients[i], s.latency().p50(), s.latency().p99(), s.requestsPerS(),
                    a.latency().p50(), a.latency().p99(), a.requestsPerS()));
        }
        LatencyResult.Authentication authentication = authentication(queries);
        context.say(String.format("  authentication: search p50 %s ms with a token, %s ms anonymous (overhead %s ms)",
                authentication.withToken().p50(), authentication.anonymous().p50(), authentication.p50OverheadMs()));
        return new LatencyResult(LatencyResult.Endpoint.of(chunks, SEARCH_REQUEST, search[0], search[1]),
                LatencyResult.Endpoint.of(chunks, ANSWER_REQUEST, answer[0], answer[1]), authentication);
    }

    /** Token and anonymous searches alternate, same query each pair, so drift on a noisy machine hits both alike. */
    private LatencyResult.Authentication authentication(List<Query> queries) {
        List<Double> withToken = new ArrayList<>();
        List<Double> anonymous = new ArrayList<>();
        int pairs = context.options().latencyRequests();
        for (int i = 0; i < pairs; i++) {
            Map<String, Object> body = Map.of("query", queries.get(i % queries.size()).searchText(), "topK", 10, "mode", "hybrid");
            boolean tokenFirst = i % 2 == 0;
            for (boolean token : tokenFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                long t = System.nanoTime();
                JsonHttp.Reply reply = token ? context.services().search(body) : context.services().searchAnonymously(body);
                if (!reply.ok()) {
                    context.fail("an authentication-overhead search failed: " + reply.status());
                    continue;
                }
                (token ? withToken : anonymous).add((System.nanoTime() - t) / 1e6);
            }
        }
        return LatencyResult.Authentication.of(SEARCH_REQUEST + ", 1 client, alternating",
                new LatencySample(withToken).summary(), new LatencySample(anonymous).summary());
    }

    private JsonHttp.Reply search(String text) {
        return context.services().search(Map.of("query", text, "topK", 10, "mode", "hybrid"));
    }

    private JsonHttp.Reply answer(String text) {
        return context.services().answer(Map.of("question", text, "topK", 5));
    }

    /** {@code latencyRequests} requests shared by {@code clients} threads; only successful ones are timed. */
    private LatencyResult.Clients measure(List<Query> queries, int clients, Function<String, JsonHttp.Reply> request) {
        int total = context.options().latencyRequests();
        List<Double> millis = new CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        Threads.runOnThreads(clients, "bench-client", () -> {
            int i;
            while ((i = next.getAndIncrement()) < total) {
                String text = queries.get(i % queries.size()).searchText();
                long t = System.nanoTime();
                try {
                    if (!request.apply(text).ok()) {
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
        if (errors.get() > 0) {
            context.fail(errors.get() + " of " + total + " latency requests failed at " + clients + " client(s)");
        }
        return new LatencyResult.Clients(new LatencySample(millis).summary(), Report.round(millis.size() / seconds, 1), errors.get());
    }
}
