package io.freshet.bench;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@code ./freshet bench}. {@code --smoke} changes the defaults to a run of a few minutes that
 * checks the pipeline works (all documents indexed, sane quality) without judging speed.
 *
 * @param serviceArguments Spring properties for every service, {@code KEY=VALUE} from {@code --service-arg}
 */
public record BenchOptions(
        Path repo,
        Path corpus,
        Path queries,
        Path qrels,
        Path out,
        boolean smoke,
        int maxDocuments,
        int maxQueries,
        int warmupDocuments,
        int freshnessSamples,
        int bareChunks,
        double loadFraction,
        long fillChunks,
        int latencyRequests,
        int answerRequests,
        int recallQueries,
        double minHybridNdcg,
        int stallSeconds,
        String kafkaHeap,
        String openSearchHeap,
        Set<String> phases,
        boolean exportVectors,
        Map<String, String> serviceArguments,
        List<String> commandLine,
        ScaleOptions scale) {

    /** The phases after ingestion, in the order they run. */
    static final List<String> PHASES = List.of("quality", "bare-embedding", "peer", "knn-recall-corpus", "freshness-idle",
            "freshness-loaded", "fill", "latency", "knn-recall-filled", "answers", "curve", "soak", "embed-instances");

    private static final Set<String> FLAGS = Set.of("--smoke", "--export-vectors");

    static final String USAGE = """
            Usage: ./freshet bench [--corpus FILE --queries FILE --qrels FILE --out DIR] [--smoke] [options]

            Starts its own Kafka, OpenSearch + k-NN and the four services on free ports, ingests a BEIR-format corpus
            through the pipeline and writes DIR/report.json and DIR/report.md.

              --corpus FILE            corpus.jsonl ({"_id", "title", "text"}); default ../shared/data/scifact/corpus.jsonl
              --queries FILE           queries.jsonl ({"_id", "text"}); default ../shared/data/scifact/queries.jsonl
              --qrels FILE             qrels TSV (query-id, corpus-id, score); default ../shared/data/scifact/qrels/train.tsv
              --out DIR                default bench-results/<timestamp>
              --smoke                  small and quick (300 docs, 50 queries, 20 freshness samples, 200 chunks
                                       for the bare baseline, ~5k chunks for latency, 20 recall queries,
                                       30 generated answers);
                                       exits non-zero if the pipeline is broken, never because it is slow
              --service-arg KEY=VALUE  a Spring property for every service, e.g. freshet.query.fusion=convex (repeatable)
              --max-docs N             ingest at most N documents (the judged ones of the evaluated queries first)
              --max-queries N          evaluate at most N queries
              --warmup-docs N          before the measured ingestion, send N corpus documents under other ids
                                       through the pipeline and delete them again (default 100; 0: none)
              --freshness-samples N    probes per freshness phase (default 100)
              --bare-chunks N          embed at most N of the indexed chunk texts (a fixed random sample) for the
                                       bare-model baseline (default: all of them)
              --load-fraction F        background update rate of the loaded freshness phase, as a share of the
                                       measured ingestion rate (default 0.5)
              --fill-chunks N          chunks in the index for the latency and k-NN recall phases (default 100000)
              --latency-requests N     requests per endpoint and concurrency (default 400)
              --answer-requests N      questions for the generated-answer overhead, each asked as /v1/search,
                                       /v1/answer and /v1/answer/stream to a local fake model (default 200)
              --recall-queries N       queries for k-NN recall against exact search (default 200)
              --min-hybrid-ndcg X      sanity floor for nDCG@10 of hybrid search (default 0.3)
              --stall-seconds N        give up waiting when nothing progresses for N seconds (default 300)
              --kafka-heap SIZE        default 512m
              --opensearch-heap SIZE   default 1g
              --phases LIST            run only these phases after ingestion, comma-separated, from
                                       quality,bare-embedding,peer,knn-recall-corpus,freshness-idle,
                                       freshness-loaded,fill,latency,knn-recall-filled,answers,curve,soak,
                                       embed-instances
                                       (peer: the same documents through LangChain4j's EmbeddingStoreIngestor
                                       with the same model into OpenSearch, one process; module infra/peer)
                                       (embed-instances: the ingestion's documents again under new ids, timed
                                       as ingestion is, with 1 and then 2 embed-service instances in one
                                       consumer group; each load deleted after)
                                       (default: all; for tuning one measure at a time)
              --export-vectors         also write the indexed chunk vectors and the query vectors (float32,
                                       little-endian) with their ids, for offline analysis
            """ + ScaleOptions.USAGE;

    static BenchOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> serviceArguments = new LinkedHashMap<>();
        boolean smoke = false;
        boolean exportVectors = false;
        List<String> commandLine = new ArrayList<>(List.of("./freshet", "bench"));
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--repo")) {
                values.put(name, value(args, ++i, name)); // the script's, not the user's
                continue;
            }
            commandLine.add(name);
            if (name.startsWith("--") && !FLAGS.contains(name) && i + 1 < args.length) {
                commandLine.add(args[i + 1]);
            }
            switch (name) {
                case "--smoke" -> smoke = true;
                case "--export-vectors" -> exportVectors = true;
                case "-h", "--help" -> throw new UsageException(null);
                case "--service-arg" -> {
                    String value = value(args, ++i, name);
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--service-arg needs KEY=VALUE, got '" + value + "'");
                    }
                    String key = value.substring(0, eq).replaceFirst("^--", "");
                    serviceArguments.put(key, value.substring(eq + 1));
                }
                case "--corpus", "--queries", "--qrels", "--out", "--max-docs", "--max-queries", "--warmup-docs",
                     "--freshness-samples", "--bare-chunks", "--load-fraction", "--fill-chunks", "--latency-requests",
                     "--answer-requests", "--recall-queries",
                     "--min-hybrid-ndcg", "--stall-seconds", "--kafka-heap", "--opensearch-heap", "--phases" ->
                        values.put(name, value(args, ++i, name));
                default -> {
                    if (!ScaleOptions.NAMES.contains(name)) {
                        throw new UsageException("unknown option " + name);
                    }
                    values.put(name, value(args, ++i, name));
                }
            }
        }
        Path repo = Path.of(values.getOrDefault("--repo", System.getProperty("user.dir"))).toAbsolutePath().normalize();
        Path data = repo.resolve("../shared/data/scifact").normalize();
        Path out = values.containsKey("--out") ? Path.of(values.get("--out"))
                : repo.resolve("bench-results").resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                        + (smoke ? "-smoke" : ""));
        try {
            return new BenchOptions(
                    repo,
                    path(values, "--corpus", data.resolve("corpus.jsonl")),
                    path(values, "--queries", data.resolve("queries.jsonl")),
                    path(values, "--qrels", data.resolve("qrels/train.tsv")),
                    out.toAbsolutePath().normalize(),
                    smoke,
                    Integer.parseInt(values.getOrDefault("--max-docs", smoke ? "300" : String.valueOf(Integer.MAX_VALUE))),
                    Integer.parseInt(values.getOrDefault("--max-queries", smoke ? "50" : String.valueOf(Integer.MAX_VALUE))),
                    Integer.parseInt(values.getOrDefault("--warmup-docs", smoke ? "20" : "100")),
                    Integer.parseInt(values.getOrDefault("--freshness-samples", smoke ? "20" : "100")),
                    Integer.parseInt(values.getOrDefault("--bare-chunks", smoke ? "200" : String.valueOf(Integer.MAX_VALUE))),
                    Double.parseDouble(values.getOrDefault("--load-fraction", "0.5")),
                    Long.parseLong(values.getOrDefault("--fill-chunks", smoke ? "5000" : "100000")),
                    Integer.parseInt(values.getOrDefault("--latency-requests", smoke ? "60" : "400")),
                    Integer.parseInt(values.getOrDefault("--answer-requests", smoke ? "30" : "200")),
                    Integer.parseInt(values.getOrDefault("--recall-queries", smoke ? "20" : "200")),
                    Double.parseDouble(values.getOrDefault("--min-hybrid-ndcg", "0.3")),
                    Integer.parseInt(values.getOrDefault("--stall-seconds", "300")),
                    values.getOrDefault("--kafka-heap", "512m"),
                    values.getOrDefault("--opensearch-heap", "1g"),
                    phases(values.get("--phases")),
                    exportVectors,
                    Map.copyOf(serviceArguments),
                    List.copyOf(commandLine),
                    ScaleOptions.of(values, smoke));
        } catch (NumberFormatException e) {
            throw new UsageException("not a number: " + e.getMessage());
        }
    }

    /** Whether a phase after ingestion is to run. */
    boolean runs(String phase) {
        return phases.contains(phase);
    }

    private static Set<String> phases(String list) {
        if (list == null || list.isBlank()) {
            return new LinkedHashSet<>(PHASES);
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String phase : list.split(",")) {
            String name = phase.strip();
            if (!PHASES.contains(name)) {
                throw new UsageException("unknown phase '" + name + "'; phases: " + String.join(",", PHASES));
            }
            chosen.add(name);
        }
        return chosen;
    }

    /** The Spring arguments as the services' command line takes them. */
    List<String> springArguments() {
        return serviceArguments.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    /** A service setting as the benchmark passes it, else the services' default. */
    String serviceSetting(String key, String defaultValue) {
        return serviceArguments.getOrDefault(key, defaultValue);
    }

    private static String value(String[] args, int index, String name) {
        if (index >= args.length) {
            throw new UsageException(name + " needs a value");
        }
        return args[index];
    }

    private static Path path(Map<String, String> values, String name, Path defaultPath) {
        return values.containsKey(name) ? Path.of(values.get(name)).toAbsolutePath().normalize() : defaultPath;
    }

    /** A bad command line: the message (or none for --help) and the usage text. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
