package io.freshet.peer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The peer's command line. The chunking and HNSW defaults are Freshet's (embed-service: 256 tokens, 32 overlap;
 * index-service: m 16, ef_construction 100), so the two differ in how they are built, not in what they build.
 *
 * @param queries  queries.jsonl ({@code _id, text}) to search after ingesting; null for none
 * @param runFile  where the TREC run of those searches goes; set exactly when {@code queries} is
 */
record PeerArguments(
        Path corpus,
        String openSearchUrl,
        String index,
        int batchDocuments,
        int chunkTokens,
        int overlapTokens,
        int hnswM,
        int hnswEfConstruction,
        Path queries,
        Path runFile,
        int searchDepth) {

    static final String USAGE = """
            Usage: java -cp freshet-peer.jar:lib/* io.freshet.peer.PeerIngest --corpus FILE --opensearch URL [options]

              --corpus FILE          BEIR corpus.jsonl ({"_id", "title", "text"}): every document is ingested
              --opensearch URL       e.g. http://127.0.0.1:9200
              --index NAME           the index to create and write (default peer-chunks; must not exist)
              --batch N              documents per ingestor.ingest(...) call (default 500)
              --chunk-tokens N       DocumentSplitters.recursive max segment size in tokens (default 256)
              --overlap-tokens N     overlap in tokens (default 32)
              --hnsw-m N             (default 16)   --hnsw-ef-construction N (default 100)
              --queries FILE         queries.jsonl ({"_id", "text"}): after ingesting, search each through the store
              --run FILE             the TREC run of those searches (needed with --queries)
              --search-depth N       segments asked of the store per query (default 100)
            Prints one JSON line per event on stdout: ingest-started, ingested (the result), searched.
            """;

    private static final Set<String> OPTIONS = Set.of("--corpus", "--opensearch", "--index", "--batch", "--chunk-tokens",
            "--overlap-tokens", "--hnsw-m", "--hnsw-ef-construction", "--queries", "--run", "--search-depth");

    static PeerArguments parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!OPTIONS.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            values.put(args[i], args[++i]);
        }
        Path corpus = Path.of(required(values, "--corpus"));
        if (!Files.isRegularFile(corpus)) {
            throw new IllegalArgumentException("--corpus " + corpus + " is not a file");
        }
        String url = required(values, "--opensearch").replaceAll("/+$", "");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("--opensearch must be an http(s) URL, got " + url);
        }
        String index = values.getOrDefault("--index", "peer-chunks");
        if (!index.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("--index must be a lower-case OpenSearch index name, got " + index);
        }
        Path queries = values.containsKey("--queries") ? Path.of(values.get("--queries")) : null;
        Path run = values.containsKey("--run") ? Path.of(values.get("--run")) : null;
        if ((queries == null) != (run == null)) {
            throw new IllegalArgumentException("--queries and --run go together");
        }
        if (queries != null && !Files.isRegularFile(queries)) {
            throw new IllegalArgumentException("--queries " + queries + " is not a file");
        }
        int chunkTokens = positive(values, "--chunk-tokens", 256);
        int overlap = number(values, "--overlap-tokens", 32);
        if (overlap < 0 || overlap >= chunkTokens) {
            throw new IllegalArgumentException("--overlap-tokens must be in [0, --chunk-tokens), got " + overlap);
        }
        return new PeerArguments(corpus, url, index, positive(values, "--batch", 500), chunkTokens, overlap,
                positive(values, "--hnsw-m", 16), positive(values, "--hnsw-ef-construction", 100), queries, run,
                positive(values, "--search-depth", 100));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static int positive(Map<String, String> values, String name, int defaultValue) {
        int value = number(values, name, defaultValue);
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }

    private static int number(Map<String, String> values, String name, int defaultValue) {
        String value = values.get(name);
        try {
            return value == null ? defaultValue : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got '" + value + "'");
        }
    }
}
