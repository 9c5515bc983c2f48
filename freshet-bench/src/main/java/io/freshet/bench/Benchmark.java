package io.freshet.bench;

import io.freshet.bench.BeirDataset.CorpusDocument;
import io.freshet.bench.BeirDataset.Query;
import io.freshet.bench.IndexReader.Neighbour;
import io.freshet.bench.IndexReader.StateCount;
import io.freshet.bench.IndexReader.StoredChunk;
import io.freshet.contract.event.Acl;
import io.freshet.contract.event.Content;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.EmbeddedChunk;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.Operation;
import io.freshet.embedding.EmbeddingProperties;
import io.freshet.embedding.HuggingFaceModelTokenizer;
import io.freshet.embedding.ModelSpec;
import io.freshet.embedding.OnnxEmbeddingModel;
import io.freshet.infra.ServiceStack;
import tools.jackson.databind.JsonNode;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One benchmark run, phase by phase, over a {@link BenchEnvironment}: ingestion and retrieval quality, pipeline and
 * bare-model throughput, k-NN recall, freshness at idle and under load, the fill to the latency index size, query
 * latency, memory. Every figure goes into {@link #report}; a broken pipeline goes into {@link #failures}.
 */
final class Benchmark {

    static final String SOURCE = "freshet-bench";
    private static final String[] MODES = {"lexical", "vector", "hybrid"};
    private static final int QUALITY_DEPTH = 100;
    private static final String WARMUP_PREFIX = "bench-warmup-";
    private static final int FRESHNESS_PROBE_DOCUMENTS = 10;
    private static final Duration FRESHNESS_TIMEOUT = Duration.ofSeconds(60);
    private static final long FRESHNESS_POLL_MILLIS = 25;
    private static final int FILL_BUNDLE = 4;
    private static final int[] CLIENTS = {1, 8};

    private final BenchOptions options;
    private final BeirDataset data;
    private final ProcessMonitor monitor;
    private final Map<String, Object> report;
    private final List<String> failures;
    private final java.util.function.Consumer<String> say;
    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(60));
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final Random random = new Random(42);

    private BenchEnvironment environment;
    private EventPublisher publisher;
    private PipelineBacklog backlog;
    private IndexReader index;
    private ServiceSettings embedSettings;
    private ServiceSettings querySettings;
    private String queryUrl;
    private String indexServiceUrl;
    private double pipelineDocumentsPerSecond = Double.NaN;
    /** The chunks of the ingested corpus, read from the index by the first phase that needs them (before any update). */
    private List<StoredChunk> corpusChunks = List.of();
    /** Status records the warm-up left behind (its documents, deleted). */
    private long warmupRecords;
    private OnnxEmbeddingModel model;

    Benchmark(BenchOptions options, BeirDataset data, ProcessMonitor monitor, Map<String, Object> report,
              List<String> failures, java.util.function.Consumer<String> say) {
        this.options = options;
        this.data = data;
        this.monitor = monitor;
        this.report = report;
        this.failures = failures;
        this.say = say;
    }

    void run() {
        monitor.phase("startup");
        long started = System.nanoTime();
        environment = BenchEnvironment.prepare(options.repo());
        try {
            embedSettings = settingsOf(ServiceStack.EMBED);
            querySettings = settingsOf(ServiceStack.QUERY);
            ServiceSettings indexSettings = settingsOf(ServiceStack.INDEX);
            environment.start(options, options.out().resolve("logs"), monitor, say);
            report("run", "startup_seconds", Report.round((System.nanoTime() - started) / 1e9, 1));
            publisher = new EventPublisher(environment.kafkaBootstrapServers(), 256);
            backlog = new PipelineBacklog(environment.kafkaBootstrapServers());
            index = new IndexReader(environment.openSearchUrl(),
                    indexSettings.get("freshet.opensearch.chunk-index", "freshet-chunks"),
                    indexSettings.get("freshet.opensearch.status-index", "freshet-documents"));
            queryUrl = environment.url(ServiceStack.QUERY);
            indexServiceUrl = environment.url(ServiceStack.INDEX);

            phase("ingestion", this::ingest);
            if (Double.isNaN(pipelineDocumentsPerSecond)) {
                failures.add("nothing was indexed: the later phases were skipped");
            } else {
                phase("quality", this::quality);
                phase("bare-embedding", this::bareEmbedding);
                phase("knn-recall-corpus", () -> knnRecall("corpus"));
                phase("freshness-idle", () -> freshness(false));
                phase("freshness-loaded", () -> freshness(true));
                phase("fill", this::fill);
                phase("latency", this::latency);
                phase("knn-recall-filled", () -> knnRecall("filled"));
                if (options.exportVectors()) {
                    phase("export-vectors", this::exportVectors);
                }
            }
            monitor.phase(null);

            List<String> exited = environment.exited();
            if (!exited.isEmpty()) {
                failures.add("processes exited during the run: " + exited + " (see " + options.out().resolve("logs") + ")");
            }
            report.put("memory_peak_rss_mib", monitor.peakRssMib());
            report.put("cpu_seconds_by_phase", monitor.cpuSecondsByPhase());
            report.put("wall_seconds_by_phase", monitor.wallSecondsByPhase());
        } finally {
            if (model != null) {
                model.close();
            }
            if (publisher != null) {
                publisher.close();
            }
            if (backlog != null) {
                backlog.close();
            }
            say.accept("Stopping the services and engines ...");
            environment.close();
        }
    }

    private void phase(String name, Runnable body) {
        if (BenchOptions.PHASES.contains(name) && !options.runs(name)) {
            return;
        }
        say.accept("");
        say.accept("== " + name + " ==");
        monitor.phase(name);
        try {
            body.run();
        } catch (RuntimeException e) {
            failures.add(name + " failed: " + e.getMessage());
            say.accept("  FAILED: " + e);
        }
    }

    // ---- ingestion and quality ----------------------------------------------------------------------------------

    /**
     * A few corpus documents under other ids through the whole pipeline, then deleted again, before the clock starts:
     * the measured ingestion is then the pipeline's steady rate rather than six JVMs compiling their hot paths.
     */
    private void warmUp() {
        List<CorpusDocument> corpus = data.corpus();
        int n = Math.min(options.warmupDocuments(), corpus.size());
        if (n == 0) {
            return;
        }
        List<CorpusDocument> sample = corpus.subList(corpus.size() - n, corpus.size());
        say.accept("Warming up: " + n + " documents under other ids through the pipeline, then deleted (not measured) ...");
        long started = System.currentTimeMillis();
        for (CorpusDocument document : sample) {
            publisher.publish(change(WARMUP_PREFIX + document.id(), document, 1, document.content()));
        }
        publisher.flush();
        awaitSettled(n, started);
        for (CorpusDocument document : sample) {
            publisher.publish(DocumentChange.delete(WARMUP_PREFIX + document.id(), SOURCE, 2, Instant.now()));
        }
        publisher.flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(options.stallSeconds()).toNanos();
        while (index.statesByState().getOrDefault("DELETED", new StateCount(0, 0, null)).documents() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the warm-up documents were not deleted within " + options.stallSeconds() + " s");
            }
            sleep(250);
        }
        warmupRecords = n;
        section("ingestion").put("warmup_documents", n);
        say.accept(String.format("  warmed up in %.1f s", (System.currentTimeMillis() - started) / 1000.0));
    }

    private void ingest() {
        warmUp();
        List<CorpusDocument> corpus = data.corpus();
        long blank = corpus.stream().filter(CorpusDocument::isBlank).count();
        say.accept("Publishing " + corpus.size() + " documents to Kafka as DocumentChange events ...");
        PrometheusHistogram histogramBefore = scrapeFreshnessHistogram();
        long firstPublish = System.currentTimeMillis();
        for (CorpusDocument document : corpus) {
            versions.put(document.id(), 1L);
            publisher.publish(change(document, 1, document.content()));
        }
        publisher.flush();
        double publishSeconds = (System.currentTimeMillis() - firstPublish) / 1000.0;
        say.accept(String.format("  published in %.1f s; waiting until every document is INDEXED (or REJECTED) ...", publishSeconds));

        Map<String, StateCount> states = awaitSettled(corpus.size(), firstPublish);
        StateCount indexed = states.getOrDefault("INDEXED", new StateCount(0, 0, null));
        StateCount rejected = states.getOrDefault("REJECTED", new StateCount(0, 0, null));
        long pending = corpus.size() - indexed.documents() - rejected.documents();
        Map<String, Object> ingestion = section("ingestion");
        ingestion.put("documents", corpus.size());
        ingestion.put("indexed", indexed.documents());
        ingestion.put("rejected", rejected.documents());
        ingestion.put("pending", pending);
        ingestion.put("blank_in_corpus", blank);
        ingestion.put("chunks", indexed.chunks());
        ingestion.put("publish_seconds", Report.round(publishSeconds, 1));
        if (rejected.documents() > 0) {
            ingestion.put("rejections", index.rejections(20).stream().map(r -> r.id() + ": " + r.reason()).toList());
        }
        Map<String, Long> deadLettered = backlog.deadLettered();
        ingestion.put("dead_lettered", deadLettered);
        if (pending > 0) {
            failures.add(pending + " of " + corpus.size() + " documents were not processed (neither INDEXED nor REJECTED)");
        }
        if (rejected.documents() > blank) {
            failures.add(rejected.documents() + " documents were REJECTED (" + blank + " blank in the corpus): "
                    + ingestion.get("rejections"));
        }
        if (!deadLettered.isEmpty()) {
            failures.add("records were dead-lettered: " + deadLettered);
        }
        if (indexed.lastUpdate() != null && indexed.documents() > 0) {
            double seconds = (indexed.lastUpdate().toEpochMilli() - firstPublish) / 1000.0;
            pipelineDocumentsPerSecond = indexed.documents() / seconds;
            ingestion.put("seconds", Report.round(seconds, 1));
            ingestion.put("documents_per_s", Report.round(pipelineDocumentsPerSecond, 2));
            ingestion.put("chunks_per_s", Report.round(indexed.chunks() / seconds, 2));
            Map<String, Object> throughput = section("throughput");
            throughput.put("pipeline_documents_per_s", Report.round(pipelineDocumentsPerSecond, 2));
            throughput.put("pipeline_chunks_per_s", Report.round(indexed.chunks() / seconds, 2));
            say.accept(String.format("  %d indexed, %d rejected, %d chunks in %.1f s: %.2f documents/s, %.2f chunks/s",
                    indexed.documents(), rejected.documents(), indexed.chunks(), seconds, pipelineDocumentsPerSecond,
                    indexed.chunks() / seconds));
        }
        PrometheusHistogram histogramAfter = scrapeFreshnessHistogram();
        if (histogramBefore != null && histogramAfter != null) {
            // Event time → indexed during a bulk load: mostly time spent queued behind the other documents.
            ingestion.put("pipeline_freshness_histogram_ms", histogramAfter.minus(histogramBefore).summaryInMillis());
        }
        index.refresh();
        long inIndex = index.chunkCount();
        ingestion.put("chunks_in_index", inIndex);
        if (inIndex != indexed.chunks()) {
            failures.add("the chunk index holds " + inIndex + " chunks but the status records count " + indexed.chunks());
        }
    }

    /** Polls the status index until {@code expected} documents are settled or nothing moves for the stall timeout. */
    private Map<String, StateCount> awaitSettled(int expected, long since) {
        long lastProgressAt = System.nanoTime();
        long lastSettled = -1;
        long nextReport = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Map<String, StateCount> states = index.statesByState();
            // The warm-up's documents stay as DELETED status records.
            long settled = states.entrySet().stream().filter(e -> !e.getKey().equals("PENDING"))
                    .mapToLong(e -> e.getValue().documents()).sum() - warmupRecords;
            if (settled >= expected) {
                return states;
            }
            long now = System.nanoTime();
            if (settled != lastSettled) {
                lastSettled = settled;
                lastProgressAt = now;
            } else if (now - lastProgressAt > Duration.ofSeconds(options.stallSeconds()).toNanos()) {
                say.accept("  no progress for " + options.stallSeconds() + " s; giving up waiting (" + settled + " of "
                        + expected + " settled; consumer lag " + safeLag() + ")");
                return states;
            }
            if (now > nextReport) {
                double elapsed = (System.currentTimeMillis() - since) / 1000.0;
                say.accept(String.format("  ... %.0f s: %d of %d settled (%.1f documents/s), consumer lag %s", elapsed,
                        settled, expected, settled / elapsed, safeLag()));
                nextReport = now + Duration.ofSeconds(10).toNanos();
            }
            sleep(1000);
        }
    }

    private void quality() {
        List<Query> queries = data.queries();
        say.accept("Searching " + queries.size() + " queries (topK " + QUALITY_DEPTH + ") in each of lexical, vector, hybrid ...");
        Map<String, Object> quality = section("quality");
        Map<String, Object> latencyAtCorpus = new LinkedHashMap<>();
        try (Writer perQuery = Files.newBufferedWriter(options.out().resolve("quality-per-query.tsv"), StandardCharsets.UTF_8)) {
            perQuery.write("mode\tquery_id\tndcg@10\trecall@100\tmrr@10\n");
            for (String mode : MODES) {
                double ndcg = 0;
                double recall = 0;
                double mrr = 0;
                int errors = 0;
                List<Double> millis = new ArrayList<>();
                try (Writer run = Files.newBufferedWriter(options.out().resolve("run-" + mode + ".trec"), StandardCharsets.UTF_8);
                     Writer chunkHits = Files.newBufferedWriter(options.out().resolve("hits-" + mode + ".tsv"), StandardCharsets.UTF_8)) {
                    chunkHits.write("query_id\trank\tchunk_id\tdocument_id\tscore\n");
                    for (Query query : queries) {
                        long start = System.nanoTime();
                        JsonHttp.Reply reply = searchOrNull(Map.of(
                                "query", truncate(query.text()), "topK", QUALITY_DEPTH, "mode", mode));
                        millis.add((System.nanoTime() - start) / 1e6);
                        List<String> passages = new ArrayList<>();
                        if (reply != null && reply.ok() && reply.json() != null) {
                            for (JsonNode hit : reply.json().path("hits")) {
                                passages.add(hit.path("documentId").asString());
                                chunkHits.write(query.id() + "\t" + passages.size() + "\t" + hit.path("chunkId").asString() + "\t"
                                        + hit.path("documentId").asString() + "\t" + hit.path("score").asDouble() + "\n");
                            }
                        } else {
                            errors++;
                        }
                        List<String> ranking = RetrievalMetrics.documentRanking(passages);
                        Map<String, Integer> judged = data.qrels().getOrDefault(query.id(), Map.of());
                        double n = RetrievalMetrics.ndcg(ranking, judged, 10);
                        double r = RetrievalMetrics.recall(ranking, judged, 100);
                        double m = RetrievalMetrics.reciprocalRank(ranking, judged, 10);
                        ndcg += n;
                        recall += r;
                        mrr += m;
                        perQuery.write(mode + "\t" + query.id() + "\t" + String.format("%.4f\t%.4f\t%.4f", n, r, m) + "\n");
                        for (int i = 0; i < ranking.size(); i++) {
                            run.write(query.id() + " Q0 " + ranking.get(i) + " " + (i + 1) + " " + (ranking.size() - i)
                                    + " freshet-" + mode + "\n");
                        }
                    }
                }
                int n = queries.size();
                Map<String, Object> scores = new LinkedHashMap<>();
                scores.put("ndcg@10", Report.round(ndcg / n, 4));
                scores.put("recall@100", Report.round(recall / n, 4));
                scores.put("mrr@10", Report.round(mrr / n, 4));
                quality.put(mode, scores);
                latencyAtCorpus.put(mode, new LatencySample(millis).summary());
                say.accept(String.format("  %-8s nDCG@10 %.4f  recall@100 %.4f  MRR@10 %.4f%s", mode, ndcg / n, recall / n,
                        mrr / n, errors > 0 ? "  (" + errors + " failed requests)" : ""));
                if (errors > 0) {
                    failures.add(errors + " of " + n + " " + mode + " searches failed");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        quality.put("queries", queries.size());
        quality.put("documents", data.corpus().size());
        quality.put("search_latency_at_corpus_size_ms", latencyAtCorpus);
        Object hybrid = ((Map<?, ?>) quality.get("hybrid")).get("ndcg@10");
        if (hybrid instanceof Double ndcg && ndcg < options.minHybridNdcg()) {
            failures.add(String.format("hybrid nDCG@10 %.4f is below the sanity floor %.2f", ndcg, options.minHybridNdcg()));
        }
    }

    private List<StoredChunk> corpusChunks() {
        if (corpusChunks.isEmpty()) {
            index.refresh();
            corpusChunks = index.allChunks();
        }
        return corpusChunks;
    }

    // ---- vectors for offline analysis ---------------------------------------------------------------------------

    /** chunks.tsv + chunks.f32 (the indexed vectors) and queries.tsv + queries.f32 (query-service's query embedding). */
    private void exportVectors() {
        List<StoredChunk> indexedCorpus = corpusChunks();
        try {
            List<float[]> chunkVectors = new ArrayList<>(indexedCorpus.size());
            try (Writer ids = Files.newBufferedWriter(options.out().resolve("chunks.tsv"), StandardCharsets.UTF_8)) {
                ids.write("document_id\tchunk\n");
                for (StoredChunk chunk : indexedCorpus) {
                    ids.write(chunk.documentId() + "\t" + chunk.number() + "\n");
                    chunkVectors.add(chunk.vector());
                }
            }
            writeVectors(options.out().resolve("chunks.f32"), chunkVectors);
            OnnxEmbeddingModel queryModel = model();
            List<float[]> queryVectors = new ArrayList<>();
            try (Writer ids = Files.newBufferedWriter(options.out().resolve("queries.tsv"), StandardCharsets.UTF_8)) {
                ids.write("query_id\n");
                for (Query query : data.queries()) {
                    ids.write(query.id() + "\n");
                    queryVectors.add(queryModel.embedQuery(truncate(query.text())));
                }
            }
            writeVectors(options.out().resolve("queries.f32"), queryVectors);
            say.accept("  wrote " + chunkVectors.size() + " chunk and " + queryVectors.size() + " query vectors");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeVectors(Path file, List<float[]> vectors) throws IOException {
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            for (float[] vector : vectors) {
                for (float value : vector) {
                    out.writeInt(Integer.reverseBytes(Float.floatToIntBits(value)));
                }
            }
        }
    }

    // ---- bare model throughput ----------------------------------------------------------------------------------

    private void bareEmbedding() {
        List<StoredChunk> indexedCorpus = corpusChunks();
        if (indexedCorpus.isEmpty()) {
            throw new IllegalStateException("no chunks in the index to embed");
        }
        EmbeddingInputs inputs;
        try (HuggingFaceModelTokenizer tokenizer = new HuggingFaceModelTokenizer(ModelSpec.BGE_SMALL_EN_V15_INT8)) {
            inputs = new EmbeddingInputs(tokenizer, embedSettings.getBoolean("freshet.embed.title-in-embedding", true),
                    embedSettings.getInt("freshet.embed.title-max-tokens", 32));
            List<StoredChunk> chunks = new ArrayList<>(indexedCorpus);
            if (chunks.size() > options.bareChunks()) {
                Collections.shuffle(chunks, new Random(11));
                chunks = chunks.subList(0, options.bareChunks());
            }
            List<StoredChunk> sample = chunks;
            List<String> texts = sample.stream().map(c -> inputs.of(c.title(), c.text())).toList();
            int concurrency = embedSettings.getInt("freshet.embed.listener-concurrency", 2);
            OnnxEmbeddingModel bare = model();
            say.accept(String.format("Embedding %d indexed chunk texts with %s (%d thread(s) of %d intra-op thread(s), batch %d) ...",
                    texts.size(), bare.id(), concurrency, bare.properties().intraOpThreads(), bare.properties().batchSize()));
            bare.embedPassages(texts.subList(0, Math.min(16, texts.size()))); // warm-up, as a running service is
            float[][] vectors = new float[texts.size()][];
            int batch = bare.properties().batchSize();
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                Thread worker = new Thread(() -> {
                    int from;
                    while ((from = next.getAndAdd(batch)) < texts.size()) {
                        int to = Math.min(texts.size(), from + batch);
                        List<float[]> embedded = bare.embedPassages(texts.subList(from, to));
                        for (int i = from; i < to; i++) {
                            vectors[i] = embedded.get(i - from);
                        }
                    }
                }, "bench-bare-embed-" + t);
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                join(worker);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double bareChunksPerSecond = texts.size() / seconds;

            // The check that the baseline embedded what embed-service embedded: same input, same model, same vector.
            double minCosine = 1;
            double sumCosine = 0;
            int differing = 0;
            for (int i = 0; i < vectors.length; i++) {
                double cosine = cosine(vectors[i], sample.get(i).vector());
                minCosine = Math.min(minCosine, cosine);
                sumCosine += cosine;
                if (cosine < 0.999) {
                    differing++;
                }
            }
            Map<String, Object> throughput = section("throughput");
            throughput.put("bare_chunks_per_s", Report.round(bareChunksPerSecond, 2));
            Object pipeline = throughput.get("pipeline_chunks_per_s");
            if (pipeline instanceof Double p) {
                throughput.put("ratio", Report.round(p / bareChunksPerSecond, 3));
            }
            Map<String, Object> bareDetails = new LinkedHashMap<>();
            bareDetails.put("chunks", texts.size());
            bareDetails.put("chunks_in_index", indexedCorpus.size());
            bareDetails.put("seconds", Report.round(seconds, 1));
            bareDetails.put("threads", concurrency);
            bareDetails.put("intra_op_threads", bare.properties().intraOpThreads());
            bareDetails.put("batch_size", bare.properties().batchSize());
            bareDetails.put("mean_input_tokens", Report.round(texts.stream().mapToInt(tokenizer::countTokens).average().orElse(0), 1));
            bareDetails.put("cosine_to_indexed_min", Report.round(minCosine, 5));
            bareDetails.put("cosine_to_indexed_mean", Report.round(sumCosine / vectors.length, 5));
            bareDetails.put("vectors_differing", differing);
            throughput.put("bare", bareDetails);
            say.accept(String.format("  bare: %.2f chunks/s (%.1f s); pipeline ÷ bare = %s; vectors match the indexed ones: "
                    + "min cosine %.5f (%d below 0.999)", bareChunksPerSecond, seconds, throughput.get("ratio"), minCosine, differing));
            if (differing > vectors.length / 100) {
                failures.add(differing + " of " + vectors.length + " bare vectors differ from the indexed ones (min cosine "
                        + Report.round(minCosine, 4) + "): the baseline does not embed what embed-service embeds");
            }
        }
    }

    private OnnxEmbeddingModel model() {
        if (model == null) {
            EmbeddingProperties defaults = EmbeddingProperties.defaults();
            model = OnnxEmbeddingModel.bgeSmall(new EmbeddingProperties(
                    embedSettings.getInt("freshet.embedding.max-sequence-tokens", defaults.maxSequenceTokens()),
                    embedSettings.getInt("freshet.embedding.intra-op-threads", defaults.intraOpThreads()),
                    embedSettings.getInt("freshet.embedding.batch-size", defaults.batchSize()),
                    querySettings.get("freshet.embedding.query-instruction", defaults.queryInstruction())));
        }
        return model;
    }

    // ---- k-NN recall ----------------------------------------------------------------------------------------------

    private void knnRecall(String label) {
        List<Query> sample = shuffledQueries().subList(0, Math.min(options.recallQueries(), data.queries().size()));
        int knnK = querySettings.getInt("freshet.query.knn-k", 100);
        int[] ks = knnK > 10 ? new int[] {10, knnK} : new int[] {10};
        index.refresh();
        long chunks = index.chunkCount();
        say.accept("k-NN recall@10 against exact search, " + sample.size() + " queries, " + chunks + " chunks, k = "
                + java.util.Arrays.toString(ks) + " ...");
        double[] recallSums = new double[ks.length];
        List<Double> exactMillis = new ArrayList<>();
        List<List<Double>> approximateMillis = new ArrayList<>();
        for (int k : ks) {
            approximateMillis.add(new ArrayList<>());
        }
        int counted = 0;
        for (Query query : sample) {
            float[] vector = model().embedQuery(truncate(query.text()));
            long start = System.nanoTime();
            List<Neighbour> exact = index.exact(vector, 10);
            exactMillis.add((System.nanoTime() - start) / 1e6);
            if (exact.isEmpty()) {
                continue;
            }
            // By similarity, not by id: the fill repeats vectors, so equally near chunks are interchangeable.
            double threshold = exact.stream().mapToDouble(n -> cosine(vector, n.vector())).min().orElse(1) - 1e-6;
            for (int i = 0; i < ks.length; i++) {
                start = System.nanoTime();
                List<Neighbour> approximate = index.approximate(vector, ks[i], 10);
                approximateMillis.get(i).add((System.nanoTime() - start) / 1e6);
                long found = approximate.stream().filter(n -> cosine(vector, n.vector()) >= threshold).count();
                recallSums[i] += (double) Math.min(found, exact.size()) / exact.size();
            }
            counted++;
        }
        Map<String, Object> recall = section("knn_recall@10");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("queries", counted);
        result.put("chunks", chunks);
        for (int i = 0; i < ks.length; i++) {
            result.put("k=" + ks[i], Report.round(recallSums[i] / Math.max(1, counted), 4));
            result.put("approximate_ms_k=" + ks[i], new LatencySample(approximateMillis.get(i)).summary());
        }
        result.put("exact_ms", new LatencySample(exactMillis).summary());
        recall.put(label, result);
        say.accept("  " + result.entrySet().stream().filter(e -> e.getKey().startsWith("k=")).map(e -> e.getKey() + ": " + e.getValue()).toList()
                + String.format(", exact search p50 %.1f ms", new LatencySample(exactMillis).percentile(50)));
    }

    // ---- freshness --------------------------------------------------------------------------------------------------

    private void freshness(boolean loaded) {
        List<CorpusDocument> usable = data.corpus().stream().filter(d -> !d.isBlank()).toList();
        if (usable.size() < 2) {
            throw new IllegalStateException("too few documents for the freshness phase");
        }
        int probeCount = Math.min(FRESHNESS_PROBE_DOCUMENTS, usable.size() / 2);
        List<CorpusDocument> probes = usable.subList(0, probeCount);
        List<CorpusDocument> background = usable.subList(probeCount, usable.size());
        double rate = options.loadFraction() * pipelineDocumentsPerSecond;
        if (loaded && !(rate > 0)) {
            throw new IllegalStateException("no measured ingestion rate to derive the background load from");
        }
        PrometheusHistogram before = scrapeFreshnessHistogram();
        ScheduledExecutorService load = null;
        AtomicLong backgroundUpdates = new AtomicLong();
        long loadStart = System.nanoTime();
        if (loaded) {
            say.accept(String.format("Background load: updates of other documents at %.2f/s (%.0f%% of the measured %.2f documents/s); "
                    + "warming up 15 s ...", rate, options.loadFraction() * 100, pipelineDocumentsPerSecond));
            load = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-background-load"));
            AtomicInteger cursor = new AtomicInteger();
            load.scheduleAtFixedRate(() -> {
                try {
                    CorpusDocument document = background.get(cursor.getAndIncrement() % background.size());
                    long version = versions.merge(document.id(), 1L, Long::sum);
                    publisher.publish(change(document, version, document.content() + "\n\n" + token("bg", version)));
                    backgroundUpdates.incrementAndGet();
                } catch (RuntimeException e) {
                    say.accept("  background update failed: " + e.getMessage());
                }
            }, 0, Math.round(1e9 / rate), TimeUnit.NANOSECONDS);
            sleep(15_000);
        }
        String label = loaded ? "loaded" : "idle";
        say.accept("Freshness (" + label + "): " + options.freshnessSamples() + " updates, each polled every "
                + FRESHNESS_POLL_MILLIS + " ms by a lexical /v1/search for its unique new word ...");
        List<Double> millis = new ArrayList<>();
        int timedOut = 0;
        int timedOutInARow = 0;
        for (int i = 0; i < options.freshnessSamples() && timedOutInARow < 3; i++) {
            CorpusDocument document = probes.get(i % probes.size());
            long version = versions.merge(document.id(), 1L, Long::sum);
            String word = token("probe", version * 1000 + i);
            long start = System.nanoTime();
            publisher.publish(change(document, version, document.content() + "\n\n" + word));
            long deadline = start + FRESHNESS_TIMEOUT.toNanos();
            boolean seen = false;
            while (System.nanoTime() < deadline) {
                if (returnsNewText(document.id(), word)) {
                    seen = true;
                    break;
                }
                sleep(FRESHNESS_POLL_MILLIS);
            }
            if (seen) {
                millis.add((System.nanoTime() - start) / 1e6);
                timedOutInARow = 0;
            } else {
                timedOut++;
                timedOutInARow++;
                say.accept("  update v" + version + " of " + document.id() + " was not searchable within " + FRESHNESS_TIMEOUT);
            }
            if ((i + 1) % 20 == 0) {
                LatencySample sofar = new LatencySample(millis);
                say.accept(String.format("  ... %d samples, p50 %.0f ms, p95 %.0f ms", sofar.count(), sofar.percentile(50), sofar.percentile(95)));
            }
            sleep(200 + random.nextInt(500)); // jitter, so probes do not lock onto the index's 1 s refresh cycle
        }
        Map<String, Object> result = new LinkedHashMap<>(new LatencySample(millis).summary());
        result.put("timed_out", timedOut);
        if (loaded) {
            load.shutdownNow();
            double seconds = (System.nanoTime() - loadStart) / 1e9;
            result.put("background_updates_per_s_target", Report.round(rate, 2));
            result.put("background_updates_per_s_sent", Report.round(backgroundUpdates.get() / seconds, 2));
            result.put("consumer_lag_at_end", safeLag());
            say.accept("  waiting for the pipeline to drain the background load ...");
            awaitDrained();
        }
        PrometheusHistogram after = scrapeFreshnessHistogram();
        if (before != null && after != null) {
            result.put("pipeline_histogram", after.minus(before).summaryInMillis());
        }
        Map<String, Object> freshness = section("freshness_ms");
        freshness.put(label, result);
        if (!loaded) {
            LatencySample idle = new LatencySample(millis);
            freshness.put("p50", Report.round(idle.percentile(50), 1));
            freshness.put("p95", Report.round(idle.percentile(95), 1));
            freshness.put("p99", Report.round(idle.percentile(99), 1));
        }
        say.accept(String.format("  %s: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (%d samples, %d timed out)", label,
                new LatencySample(millis).percentile(50), new LatencySample(millis).percentile(95),
                new LatencySample(millis).percentile(99), millis.size(), timedOut));
        if (timedOut > 0) {
            failures.add(timedOut + " " + label + " freshness probes never became searchable within " + FRESHNESS_TIMEOUT);
        }
    }

    /** A search's reply, or null when the request failed outright (counted by the caller, not fatal). */
    private JsonHttp.Reply searchOrNull(Map<String, Object> body) {
        try {
            return http.post(queryUrl + "/v1/search", body);
        } catch (RuntimeException e) {
            say.accept("  search failed: " + e.getMessage());
            return null;
        }
    }

    private boolean returnsNewText(String documentId, String word) {
        JsonHttp.Reply reply = searchOrNull(Map.of("query", word, "topK", 5, "mode", "lexical"));
        if (reply == null || !reply.ok() || reply.json() == null) {
            return false;
        }
        for (JsonNode hit : reply.json().path("hits")) {
            if (documentId.equals(hit.path("documentId").asString()) && hit.path("text").asString("").contains(word)) {
                return true;
            }
        }
        return false;
    }

    private PrometheusHistogram scrapeFreshnessHistogram() {
        try {
            JsonHttp.Reply reply = http.get(indexServiceUrl + "/actuator/prometheus");
            return reply.ok() ? PrometheusHistogram.parse(reply.body(), "freshet_index_freshness_seconds") : null;
        } catch (RuntimeException e) {
            say.accept("  could not scrape index-service's /actuator/prometheus: " + e.getMessage());
            return null;
        }
    }

    /** A word no document contains, so a lexical search finds exactly the update that carries it. */
    private static String token(String kind, long number) {
        StringBuilder word = new StringBuilder(kind.equals("probe") ? "zqfresh" : "zqload");
        long n = number;
        do {
            word.append((char) ('a' + (n % 26)));
            n /= 26;
        } while (n > 0);
        return word.toString();
    }

    // ---- the fill to the latency index size -----------------------------------------------------------------------

    private void fill() {
        List<StoredChunk> indexedCorpus = corpusChunks();
        index.refresh();
        long before = index.chunkCount();
        long target = options.fillChunks();
        Map<String, Object> fill = section("fill");
        fill.put("chunks_before", before);
        fill.put("target_chunks", target);
        fill.put("documents_bundled", FILL_BUNDLE);
        if (before >= target) {
            say.accept("The index already holds " + before + " chunks (target " + target + ")");
            return;
        }
        Map<String, List<StoredChunk>> byDocument = new LinkedHashMap<>();
        for (StoredChunk chunk : indexedCorpus) {
            byDocument.computeIfAbsent(chunk.documentId(), id -> new ArrayList<>()).add(chunk);
        }
        List<List<StoredChunk>> documents = new ArrayList<>(byDocument.values());
        say.accept(String.format("Filling the index from %d to %d chunks: copies of the corpus chunks with their vectors, "
                + "%d corpus documents per fill document, published to %s (they bypass ingest and embed) ...",
                before, target, FILL_BUNDLE, io.freshet.contract.event.Topics.EMBEDDED));
        long published = 0;
        int fillDocuments = 0;
        long start = System.currentTimeMillis();
        int copy = 0;
        outer:
        while (true) {
            copy++;
            for (int from = 0; from < documents.size(); from += FILL_BUNDLE) {
                List<StoredChunk> bundle = new ArrayList<>();
                documents.subList(from, Math.min(documents.size(), from + FILL_BUNDLE)).forEach(bundle::addAll);
                String id = "fill-" + copy + "-" + bundle.get(0).documentId();
                List<EmbeddedChunk> chunks = new ArrayList<>(bundle.size());
                for (int i = 0; i < bundle.size(); i++) {
                    StoredChunk c = bundle.get(i);
                    chunks.add(new EmbeddedChunk(i, c.text(), c.page(), c.origin(), c.vector()));
                }
                DocumentHeader header = new DocumentHeader(id, SOURCE + "-fill", 1, Operation.UPSERT, bundle.get(0).title(),
                        null, "text/plain", Map.of(), Acl.publicAcl(), Instant.now());
                publisher.publish(new EmbeddedDocument(header, bundle.get(0).contentHash(), ModelSpec.BGE_SMALL_EN_V15_INT8.id(), chunks));
                published += chunks.size();
                fillDocuments++;
                if (before + published >= target) {
                    break outer;
                }
            }
        }
        publisher.flush();
        say.accept(String.format("  published %d fill documents (%d chunks) in %.1f s; waiting until the index holds %d chunks ...",
                fillDocuments, published, (System.currentTimeMillis() - start) / 1000.0, target));
        long lastCount = before;
        long lastProgressAt = System.nanoTime();
        long nextReport = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long count;
        while ((count = index.chunkCount()) < before + published) {
            long now = System.nanoTime();
            if (count != lastCount) {
                lastCount = count;
                lastProgressAt = now;
            } else if (now - lastProgressAt > Duration.ofSeconds(options.stallSeconds()).toNanos()) {
                failures.add("the fill stalled at " + count + " of " + (before + published) + " chunks");
                break;
            }
            if (now > nextReport) {
                double elapsed = (System.currentTimeMillis() - start) / 1000.0;
                say.accept(String.format("  ... %.0f s: %d chunks (%.0f chunks/s)", elapsed, count, (count - before) / elapsed));
                nextReport = now + Duration.ofSeconds(15).toNanos();
            }
            sleep(1000);
        }
        awaitDrained();
        double seconds = (System.currentTimeMillis() - start) / 1000.0;
        index.refresh();
        count = index.chunkCount();
        fill.put("chunks_after", count);
        fill.put("fill_documents", fillDocuments);
        fill.put("seconds", Report.round(seconds, 1));
        fill.put("index_only_chunks_per_s", Report.round((count - before) / seconds, 1));
        fill.put("index", index.chunkIndexStats());
        say.accept(String.format("  %d chunks after %.1f s (%.0f chunks/s through index-service alone)", count, seconds,
                (count - before) / seconds));
        if (count < target) {
            failures.add("the index holds " + count + " chunks, short of the " + target + " targeted for the latency phase");
        }
    }

    // ---- query latency ----------------------------------------------------------------------------------------------

    private void latency() {
        List<Query> queries = shuffledQueries();
        long chunks = index.chunkCount();
        say.accept("Query latency at " + chunks + " chunks, " + options.latencyRequests() + " requests per endpoint and concurrency ...");
        for (int i = 0; i < Math.min(30, queries.size() * 2); i++) { // warm-up
            String text = truncate(queries.get(i % queries.size()).text());
            http.post(queryUrl + "/v1/search", Map.of("query", text, "topK", 10, "mode", "hybrid"));
            http.post(queryUrl + "/v1/answer", Map.of("question", text, "topK", 5));
        }
        Map<String, Object> search = section("search_latency_ms");
        Map<String, Object> answer = section("answer_latency_ms");
        search.put("chunks", chunks);
        answer.put("chunks", chunks);
        search.put("request", "POST /v1/search {query, topK: 10, mode: hybrid}");
        answer.put("request", "POST /v1/answer {question, topK: 5}");
        for (int clients : CLIENTS) {
            Map<String, Object> s = measureLatency(queries, clients, text -> http.post(queryUrl + "/v1/search",
                    Map.of("query", text, "topK", 10, "mode", "hybrid")));
            search.put("clients_" + clients, s);
            Map<String, Object> a = measureLatency(queries, clients, text -> http.post(queryUrl + "/v1/answer",
                    Map.of("question", text, "topK", 5)));
            answer.put("clients_" + clients, a);
            say.accept(String.format("  %d client(s): search p50 %s ms p99 %s ms (%s req/s); answer p50 %s ms p99 %s ms (%s req/s)",
                    clients, s.get("p50"), s.get("p99"), s.get("requests_per_s"), a.get("p50"), a.get("p99"), a.get("requests_per_s")));
            if (clients == 1) {
                search.put("p50", s.get("p50"));
                search.put("p99", s.get("p99"));
                answer.put("p50", a.get("p50"));
                answer.put("p99", a.get("p99"));
            }
        }
    }

    private Map<String, Object> measureLatency(List<Query> queries, int clients,
                                               java.util.function.Function<String, JsonHttp.Reply> request) {
        int total = options.latencyRequests();
        List<Double> millis = new CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    String text = truncate(queries.get(i % queries.size()).text());
                    long t = System.nanoTime();
                    try {
                        JsonHttp.Reply reply = request.apply(text);
                        if (!reply.ok()) {
                            errors.incrementAndGet();
                            continue;
                        }
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    millis.add((System.nanoTime() - t) / 1e6);
                }
            }, "bench-client-" + c);
            thread.start();
            threads.add(thread);
        }
        threads.forEach(Benchmark::join);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>(new LatencySample(millis).summary());
        result.put("requests_per_s", Report.round(millis.size() / seconds, 1));
        result.put("errors", errors.get());
        if (errors.get() > 0) {
            failures.add(errors.get() + " of " + total + " latency requests failed at " + clients + " client(s)");
        }
        return result;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    private DocumentChange change(CorpusDocument document, long version, String content) {
        return change(document.id(), document, version, content);
    }

    private DocumentChange change(String id, CorpusDocument document, long version, String content) {
        return DocumentChange.of(id, SOURCE, version, Operation.UPSERT, document.title().isBlank() ? null : document.title(),
                null, "text/plain", Content.ofText(content), Map.of(), Acl.publicAcl(), Instant.now());
    }

    private void awaitDrained() {
        long deadline = System.nanoTime() + Duration.ofSeconds(options.stallSeconds()).toNanos();
        long lag;
        while ((lag = safeLag()) != 0) {
            if (System.nanoTime() > deadline) {
                failures.add("the pipeline did not drain within " + options.stallSeconds() + " s (consumer lag " + lag + ")");
                return;
            }
            sleep(1000);
        }
    }

    private long safeLag() {
        try {
            return backlog.totalLag();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private List<Query> shuffledQueries() {
        List<Query> queries = new ArrayList<>(data.queries());
        Collections.shuffle(queries, new Random(7));
        return queries;
    }

    private ServiceSettings settingsOf(String service) {
        return ServiceSettings.of(environment.serviceJar(service), options.serviceArguments());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String name) {
        return (Map<String, Object>) report.computeIfAbsent(name, k -> new LinkedHashMap<String, Object>());
    }

    private void report(String section, String key, Object value) {
        section(section).put(key, value);
    }

    private static String truncate(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
