package io.freshet.embed;

import io.freshet.contract.event.ExtractedDocument;
import io.freshet.contract.event.TextSection;
import io.freshet.embedding.EmbeddingProperties;
import io.freshet.embedding.HuggingFaceModelTokenizer;
import io.freshet.embedding.ModelSpec;
import io.freshet.embedding.OnnxEmbeddingModel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: measures embedding throughput on ~200-token passages cut from SciFact abstracts.
 * Run: java -cp target/test-classes:target/classes:$(deps) io.freshet.embed.EmbeddingThroughputBenchmark [corpus.jsonl] [texts]
 */
public final class EmbeddingThroughputBenchmark {

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "/work/shared/data/scifact/corpus.jsonl");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        List<String> passages = new ArrayList<>();
        try (var tokenizer = new HuggingFaceModelTokenizer(ModelSpec.BGE_SMALL_EN_V15_INT8);
             BufferedReader lines = Files.newBufferedReader(corpus)) {
            Chunker chunker = new Chunker(tokenizer, new ChunkingPolicy(200, 0, false, 0));
            JsonMapper json = JsonMapper.builder().build();
            String line;
            while (passages.size() < count + 20 && (line = lines.readLine()) != null) {
                JsonNode doc = json.readTree(line);
                var extracted = new ExtractedDocument(null, null, List.of(TextSection.of(doc.get("text").asString())));
                for (Chunk chunk : chunker.chunk(extracted)) {
                    if (chunk.tokens() >= 180) {
                        passages.add(chunk.text());
                    }
                }
            }
            double meanTokens = passages.stream().mapToInt(tokenizer::countTokens).average().orElse(0);
            System.out.printf("%d passages, mean %.0f tokens (+2 special)%n", passages.size(), meanTokens);
        }
        List<String> warmUp = passages.subList(0, 20);
        List<String> measured = passages.subList(20, Math.min(passages.size(), 20 + count));
        for (int[] setting : new int[][] {{1, 1}, {1, 8}, {2, 1}}) {
            var properties = new EmbeddingProperties(512, setting[0], setting[1], "");
            try (var model = OnnxEmbeddingModel.bgeSmall(properties)) {
                model.embedPassages(warmUp);
                long[] perText = new long[measured.size()];
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpuStarted = threads.getCurrentThreadCpuTime();
                long started = System.nanoTime();
                if (setting[1] == 1) {
                    for (int i = 0; i < measured.size(); i++) {
                        long t = System.nanoTime();
                        model.embedPassage(measured.get(i));
                        perText[i] = System.nanoTime() - t;
                    }
                } else {
                    model.embedPassages(measured);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                // With one intra-op thread ONNX Runtime computes on the calling thread: its CPU time is the
                // cost of the work, whatever else competes for the cores.
                double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
                Arrays.sort(perText);
                System.out.printf("intra-op threads %d, batch %d: %.1f texts/s wall (%d texts in %.2f s), "
                                + "%.1f texts per calling-thread CPU second%s%n",
                        setting[0], setting[1], measured.size() / seconds, measured.size(), seconds,
                        measured.size() / cpuSeconds,
                        setting[1] == 1 ? String.format(", p50 %.1f ms, p99 %.1f ms", perText[perText.length / 2] / 1e6,
                                perText[(int) (perText.length * 0.99)] / 1e6) : "");
            }
        }
    }
}
