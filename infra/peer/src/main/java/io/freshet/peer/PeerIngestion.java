package io.freshet.peer;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.IngestionResult;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * The peer's ingestion, written as a LangChain4j user would: batches of documents through
 * {@code EmbeddingStoreIngestor.ingest(...)} with a recursive splitter counting the model's own tokens. Timed like
 * Freshet's ingestion phase: from reading the first document until the index, refreshed, holds every segment written.
 */
final class PeerIngestion {

    /** What one ingestion did; token figures are measured after the clock stopped. */
    record Figures(int documents, int skippedBlank, int segments, long indexed, long modelTokens, double meanSegmentTokens,
                   double seconds, double cpuSeconds) {
    }

    private final PeerArguments arguments;
    private final EmbeddingModel model;
    private final TokenCountEstimator tokens;
    private final CountingEmbeddingStore store;
    private final PeerIndex index;

    PeerIngestion(PeerArguments arguments, EmbeddingModel model, TokenCountEstimator tokens, CountingEmbeddingStore store,
                  PeerIndex index) {
        this.arguments = arguments;
        this.model = model;
        this.tokens = tokens;
        this.store = store;
        this.index = index;
    }

    /** Ingests the whole corpus; {@code started} hears when the clock starts. */
    Figures run(Path corpus, Runnable started) {
        EmbeddingStoreIngestor ingestor = EmbeddingStoreIngestor.builder()
                .documentSplitter(DocumentSplitters.recursive(arguments.chunkTokens(), arguments.overlapTokens(), tokens))
                .embeddingModel(model)
                .embeddingStore(store)
                .build();
        int documents = 0;
        long modelTokens = 0;
        int skipped;
        started.run();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        try (CorpusReader reader = new CorpusReader(corpus)) {
            List<Document> batch;
            while (!(batch = reader.next(arguments.batchDocuments())).isEmpty()) {
                IngestionResult result = ingestor.ingest(batch);
                documents += batch.size();
                TokenUsage usage = result.tokenUsage();
                modelTokens += usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
            }
            skipped = reader.skippedBlank();
        }
        long indexed = awaitSearchable(store.segmentsWritten());
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        double meanSegmentTokens = store.segmentTexts().stream().mapToInt(tokens::estimateTokenCountInText).average().orElse(0);
        return new Figures(documents, skipped, store.segmentsWritten(), indexed, modelTokens, meanSegmentTokens, seconds,
                cpuSeconds);
    }

    /** Refreshes until the index counts every segment written (at once, unless a write is still in flight). */
    private long awaitSearchable(int segments) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        long count;
        while ((count = index.refreshAndCount()) < segments) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the index holds " + count + " of the " + segments + " segments written, 60 s after the last write");
            }
            sleep(100);
        }
        return count;
    }

    /** This process's CPU time: the peer's own share of the work, without its JVM start and model load. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
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
