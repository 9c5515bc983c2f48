package io.freshet.infra;

import java.time.Duration;
import java.util.List;

/**
 * Waits until every published document has left PENDING, per query-service's GET /v1/documents/{id}, telling
 * the user how far it got every few seconds. If that endpoint never answers 200 (early versions), waits instead
 * until a search returns a hit. Gives up, saying so, after the settle timeout: the run goes on either way.
 */
final class SettleWait {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration POLL_EVERY = Duration.ofMillis(500);

    private final QueryClient query;
    private final Duration timeout;

    SettleWait(QueryClient query, Duration timeout) {
        this.query = query;
        this.timeout = timeout;
    }

    void await(List<DirectoryPublisher.Published> documents) {
        Settlement settlement = new Settlement(documents);
        Console.say("Waiting up to " + timeout.toSeconds() + " s for the documents to be processed ...");
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        boolean statusEndpointSeen = false;
        while (true) {
            for (String id : settlement.pending()) {
                String body = query.documentStatus(id).orElse(null);
                if (body != null) {
                    statusEndpointSeen = true;
                    QueryResponses.documentStatus(body).ifPresent(status -> settlement.observe(id, status));
                }
            }
            if (settlement.complete()) {
                break;
            }
            if (!statusEndpointSeen && query.searchOneHit().filter(QueryResponses::hasHits).isPresent()) {
                Console.say(String.format("  search answers with hits after %.1f s (GET /v1/documents/{id} gave no "
                        + "status, so per-document states are unknown)", Console.secondsSince(start)));
                return;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                Console.say("  gave up waiting: " + (settlement.total() - settlement.settledCount()) + " of "
                        + settlement.total() + " documents still pending after " + timeout.toSeconds() + " s");
                break;
            }
            if (now > nextProgress) {
                Console.say(String.format("  ... %.0f s, %d of %d documents processed", Console.secondsSince(start),
                        settlement.settledCount(), settlement.total()));
                nextProgress = now + PROGRESS_EVERY.toNanos();
            }
            ChildProcess.sleep(POLL_EVERY);
        }
        settlement.report(Console.secondsSince(start)).forEach(Console::say);
    }
}
