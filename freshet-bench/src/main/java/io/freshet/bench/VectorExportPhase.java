package io.freshet.bench;

import io.freshet.bench.BeirDataset.Query;
import io.freshet.bench.IndexReader.StoredChunk;
import io.freshet.embedding.OnnxEmbeddingModel;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --export-vectors}: chunks.tsv + chunks.f32 (the indexed vectors) and queries.tsv + queries.f32 (the query
 * embedding query-service would compute), float32 little-endian, for offline analysis. Measures nothing.
 */
final class VectorExportPhase {

    private final BenchContext context;

    VectorExportPhase(BenchContext context) {
        this.context = context;
    }

    void run() {
        Path out = context.options().out();
        List<StoredChunk> indexedCorpus = context.corpusChunks().get();
        try {
            List<float[]> chunkVectors = new ArrayList<>(indexedCorpus.size());
            try (Writer ids = Files.newBufferedWriter(out.resolve("chunks.tsv"), StandardCharsets.UTF_8)) {
                ids.write("document_id\tchunk\n");
                for (StoredChunk chunk : indexedCorpus) {
                    ids.write(chunk.documentId() + "\t" + chunk.number() + "\n");
                    chunkVectors.add(chunk.vector());
                }
            }
            writeVectors(out.resolve("chunks.f32"), chunkVectors);
            OnnxEmbeddingModel queryModel = context.model().get();
            List<float[]> queryVectors = new ArrayList<>();
            try (Writer ids = Files.newBufferedWriter(out.resolve("queries.tsv"), StandardCharsets.UTF_8)) {
                ids.write("query_id\n");
                for (Query query : context.data().queries()) {
                    ids.write(query.id() + "\n");
                    queryVectors.add(queryModel.embedQuery(query.searchText()));
                }
            }
            writeVectors(out.resolve("queries.f32"), queryVectors);
            context.say("  wrote " + chunkVectors.size() + " chunk and " + queryVectors.size() + " query vectors");
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
}
