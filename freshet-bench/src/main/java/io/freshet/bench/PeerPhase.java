package io.freshet.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer: what a user would write instead of Freshet (LangChain4j's EmbeddingStoreIngestor, the same in-process
 * int8 bge-small, OpenSearchEmbeddingStore; module infra/peer), run as a child process on the very documents the
 * ingestion phase indexed, into its own index on the benchmark's OpenSearch, while the pipeline's services idle.
 * It then searches the evaluated queries, scored like the quality phase. Its index is deleted afterwards so later
 * phases see only Freshet's. Fails the run only when the peer could not ingest at all, never because of its speed.
 */
final class PeerPhase {

    static final String INDEX = "peer-chunks";
    /** Documents per {@code ingestor.ingest(...)} call: a user's batch, well inside one bulk request's size. */
    static final int BATCH_DOCUMENTS = 500;
    static final String PEER = "LangChain4j 1.10.0 EmbeddingStoreIngestor + bge-small-en-v1.5 int8 + OpenSearchEmbeddingStore";

    private final BenchContext context;
    private final String openSearchUrl;
    private final ProcessMonitor monitor;

    PeerPhase(BenchContext context, String openSearchUrl, ProcessMonitor monitor) {
        this.context = context;
        this.openSearchUrl = openSearchUrl;
        this.monitor = monitor;
    }

    PeerResult run() {
        Path out = context.options().out();
        String classpath = PeerProcess.classpath(context.options().repo());
        Path dir = out.resolve("peer");
        Path corpus = PeerFiles.writeCorpus(context.data().corpus(), dir.resolve("corpus.jsonl"));
        Path queries = PeerFiles.writeQueries(context.data().queries(), dir.resolve("queries.jsonl"));
        Path run = out.resolve("run-peer.trec");
        JsonHttp http = new JsonHttp(Duration.ofSeconds(60));
        http.delete(openSearchUrl + "/" + INDEX); // a leftover would spoil the count; 404 when there is none
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx1g", "-DOPT_OUT_TRACKING=true", "-cp", classpath,
                PeerProcess.MAIN_CLASS, "--corpus", corpus.toString(), "--opensearch", openSearchUrl, "--index", INDEX,
                "--batch", String.valueOf(BATCH_DOCUMENTS), "--queries", queries.toString(), "--run", run.toString()));
        int documents = context.data().corpus().size();
        context.say("Running the peer on the same " + documents + " documents (" + PEER + "), log in logs/peer.log ...");
        PeerProcess.Result result;
        try {
            result = PeerProcess.run(command, out.resolve("logs").resolve("peer.log"), timeout(documents),
                    pid -> monitor.watch("peer", pid), this::onLine);
        } finally {
            http.delete(openSearchUrl + "/" + INDEX);
        }
        if (result.killed()) {
            throw new IllegalStateException("the peer did not finish within " + timeout(documents).toSeconds() + " s");
        }
        PeerRun ingested = PeerRun.fromOutput(result.stdout());
        if (ingested.indexed() != ingested.segments()) {
            throw new IllegalStateException("the peer's index held " + ingested.indexed() + " of its " + ingested.segments() + " segments");
        }
        context.say(String.format("  peer: %d documents, %d segments in %.1f s: %.2f documents/s, %.2f chunks/s (%.1f CPU-s in the peer)",
                ingested.documents(), ingested.segments(), ingested.seconds(), ingested.documentsPerSecond(),
                ingested.chunksPerSecond(), ingested.cpuSeconds()));
        if (result.exitCode() != 0) {
            // Ingested but the search failed: the throughput stands, the quality is missing (see the log).
            context.say("  the peer exited with " + result.exitCode() + " after ingesting: no quality figures (logs/peer.log)");
            return new PeerResult(PEER, BATCH_DOCUMENTS, ingested, null, null, null);
        }
        PeerFiles.Scores scores = PeerFiles.score(run, context.data().queries(), context.data().qrels());
        context.say(String.format("  peer vector search: nDCG@10 %.4f, recall@100 %.4f over %d queries", scores.ndcg10(),
                scores.recall100(), scores.queries()));
        return new PeerResult(PEER, BATCH_DOCUMENTS, ingested, scores.queries(), Report.round(scores.ndcg10(), 4),
                Report.round(scores.recall100(), 4));
    }

    /** The peer's clock events move the process monitor on, so its CPU table shows the timed stretch apart. */
    private void onLine(String line) {
        if (line.contains("\"event\":\"ingest-started\"")) {
            monitor.phase(PeerComparison.PEER_INGEST_PHASE);
        } else if (line.contains("\"event\":\"" + PeerRun.EVENT + "\"")) {
            monitor.phase("peer-search");
        }
    }

    /**
     * Only a guard against a hung peer, never a verdict on its speed: the stall timeout to start, then 5 s a document
     * (0.2 documents/s, a tenth of what a busy machine's pipeline did; the peer does ~15-20 a second when idle).
     */
    private Duration timeout(int documents) {
        return Duration.ofSeconds(Math.max(300, context.options().stallSeconds()) + 5L * documents);
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
