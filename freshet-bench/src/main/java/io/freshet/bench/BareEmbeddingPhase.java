package io.freshet.bench;

import io.freshet.bench.IndexReader.StoredChunk;
import io.freshet.embedding.HuggingFaceModelTokenizer;
import io.freshet.embedding.ModelSpec;
import io.freshet.embedding.OnnxEmbeddingModel;
import io.freshet.embedding.PassageInput;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bare-model throughput, the baseline the pipeline is held against: the indexed chunk texts (or a fixed sample)
 * embedded in this JVM with embed-service's settings, no Kafka or OpenSearch in the way. Fails the run if its
 * vectors differ from the indexed ones, as then the baseline measures something else than embed-service does.
 */
final class BareEmbeddingPhase {

    private final BenchContext context;
    /** The pipeline's chunks/s from the ingestion phase, for the ratio; null without one. */
    private final Double pipelineChunksPerSecond;

    BareEmbeddingPhase(BenchContext context, Double pipelineChunksPerSecond) {
        this.context = context;
        this.pipelineChunksPerSecond = pipelineChunksPerSecond;
    }

    ThroughputResult.Bare run() {
        List<StoredChunk> indexedCorpus = context.corpusChunks().get();
        if (indexedCorpus.isEmpty()) {
            throw new IllegalStateException("no chunks in the index to embed");
        }
        ServiceSettings embedSettings = context.embedSettings();
        try (HuggingFaceModelTokenizer tokenizer = new HuggingFaceModelTokenizer(ModelSpec.BGE_SMALL_EN_V15_INT8)) {
            PassageInput inputs = new PassageInput(tokenizer, embedSettings.getBoolean("freshet.embed.title-in-embedding", true),
                    embedSettings.getInt("freshet.embed.title-max-tokens", 32));
            List<StoredChunk> sample = new ArrayList<>(indexedCorpus);
            if (sample.size() > context.options().bareChunks()) {
                Collections.shuffle(sample, new Random(11));
                sample = sample.subList(0, context.options().bareChunks());
            }
            List<String> texts = sample.stream().map(c -> inputs.of(c.title(), c.text())).toList();
            int concurrency = embedSettings.getInt("freshet.embed.listener-concurrency", 2);
            OnnxEmbeddingModel bare = context.model().get();
            context.say(String.format("Embedding %d indexed chunk texts with %s (%d thread(s) of %d intra-op thread(s), batch %d) ...",
                    texts.size(), bare.id(), concurrency, bare.properties().intraOpThreads(), bare.properties().batchSize()));
            bare.embedPassages(texts.subList(0, Math.min(16, texts.size()))); // warm-up, as a running service is
            long start = System.nanoTime();
            float[][] vectors = embed(bare, texts, concurrency);
            double seconds = (System.nanoTime() - start) / 1e9;
            double bareChunksPerSecond = texts.size() / seconds;

            // The check that the baseline embedded what embed-service embedded: same input, same model, same vector.
            double minCosine = 1;
            double sumCosine = 0;
            int differing = 0;
            for (int i = 0; i < vectors.length; i++) {
                double cosine = RetrievalMetrics.cosine(vectors[i], sample.get(i).vector());
                minCosine = Math.min(minCosine, cosine);
                sumCosine += cosine;
                if (cosine < 0.999) {
                    differing++;
                }
            }
            Double ratio = pipelineChunksPerSecond == null ? null : Report.round(pipelineChunksPerSecond / bareChunksPerSecond, 3);
            ThroughputResult.BareRun details = new ThroughputResult.BareRun(texts.size(), indexedCorpus.size(),
                    Report.round(seconds, 1), concurrency, bare.properties().intraOpThreads(), bare.properties().batchSize(),
                    Report.round(texts.stream().mapToInt(tokenizer::countTokens).average().orElse(0), 1),
                    Report.round(minCosine, 5), Report.round(sumCosine / vectors.length, 5), differing);
            context.say(String.format("  bare: %.2f chunks/s (%.1f s); pipeline ÷ bare = %s; vectors match the indexed ones: "
                    + "min cosine %.5f (%d below 0.999)", bareChunksPerSecond, seconds, ratio, minCosine, differing));
            if (differing > vectors.length / 100) {
                context.fail(differing + " of " + vectors.length + " bare vectors differ from the indexed ones (min cosine "
                        + Report.round(minCosine, 4) + "): the baseline does not embed what embed-service embeds");
            }
            return new ThroughputResult.Bare(Report.round(bareChunksPerSecond, 2), ratio, details);
        }
    }

    /** The texts in batches of the model's size, on as many threads as embed-service has consumers. */
    private static float[][] embed(OnnxEmbeddingModel model, List<String> texts, int threads) {
        float[][] vectors = new float[texts.size()][];
        int batch = model.properties().batchSize();
        AtomicInteger next = new AtomicInteger();
        Threads.runOnThreads(threads, "bench-bare-embed", () -> {
            int from;
            while ((from = next.getAndAdd(batch)) < texts.size()) {
                int to = Math.min(texts.size(), from + batch);
                List<float[]> embedded = model.embedPassages(texts.subList(from, to));
                for (int i = from; i < to; i++) {
                    vectors[i] = embedded.get(i - from);
                }
            }
        });
        return vectors;
    }
}
