package io.freshet.embed;

import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.EmbeddedChunk;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.ExtractedDocument;
import io.freshet.contract.event.Operation;
import io.freshet.contract.event.TextSection;
import io.freshet.contract.failure.PoisonEventException;
import io.freshet.embedding.EmbeddingProperties;
import io.freshet.embedding.HuggingFaceModelTokenizer;
import io.freshet.embedding.ModelSpec;
import io.freshet.embedding.OnnxEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.freshet.embed.ChunkerTest.document;
import static io.freshet.embed.ChunkerTest.words;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DocumentEmbedderTest {

    private static HuggingFaceModelTokenizer tokenizer;
    private static OnnxEmbeddingModel model;
    private static DocumentEmbedder embedder;

    @BeforeAll
    static void load() {
        tokenizer = new HuggingFaceModelTokenizer(ModelSpec.BGE_SMALL_EN_V15_INT8);
        model = OnnxEmbeddingModel.bgeSmall(EmbeddingProperties.defaults());
        embedder = new DocumentEmbedder(new Chunker(tokenizer, new ChunkingPolicy(256, 32, true, 32)), model, 100);
    }

    @AfterAll
    static void close() {
        model.close();
        tokenizer.close();
    }

    @Test
    void anUpsertBecomesItsChunksWithTheirVectors() {
        ExtractedDocument extracted = document("River report",
                new TextSection(words("flood", 0, 400), 1, null),
                new TextSection("The attached memo says the dam held.", 1, "attachment: memo.txt"));

        EmbeddedDocument embedded = embedder.apply(extracted);

        assertThat(embedded.document()).isEqualTo(extracted.document());
        assertThat(embedded.contentHash()).isEqualTo("hash-1");
        assertThat(embedded.model()).isEqualTo("bge-small-en-v1.5-int8");
        List<EmbeddedChunk> chunks = embedded.chunks();
        assertThat(chunks).hasSizeGreaterThan(2);
        assertThat(chunks).extracting(EmbeddedChunk::number).startsWith(0, 1, 2);
        for (EmbeddedChunk chunk : chunks) {
            assertThat(chunk.vector()).hasSize(384);
            assertThat(norm(chunk.vector())).isCloseTo(1.0, within(1e-4));
        }
        EmbeddedChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.text()).isEqualTo("The attached memo says the dam held.");
        assertThat(last.origin()).isEqualTo("attachment: memo.txt");
        assertThat(last.page()).isEqualTo(1);
        // The vector is of "title\ntext" (batch size 1, so exactly reproducible), the stored text is plain.
        assertThat(last.vector()).containsExactly(model.embedPassage("River report\nThe attached memo says the dam held."));
        assertThat(last.vector()).isNotEqualTo(model.embedPassage(last.text()));
    }

    @Test
    void theSameDocumentGivesTheSameVectors() {
        ExtractedDocument extracted = document("T", TextSection.of(words("w", 0, 300)));
        List<EmbeddedChunk> first = embedder.apply(extracted).chunks();
        List<EmbeddedChunk> second = embedder.apply(extracted).chunks();
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).vector()).containsExactly(first.get(i).vector());
        }
    }

    @Test
    void aDeletePassesThroughWithoutChunks() {
        var upsert = document("T", TextSection.of("text")).document();
        var header = new DocumentHeader(upsert.id(), upsert.source(), 4, Operation.DELETE, null, null, null, null,
                upsert.acl(), upsert.occurredAt());
        EmbeddedDocument embedded = embedder.apply(ExtractedDocument.deletion(header));
        assertThat(embedded).isEqualTo(EmbeddedDocument.deletion(header, model.id()));
        assertThat(embedded.chunks()).isEmpty();
        assertThat(embedded.model()).as("for the indices of the model that passed it on").isEqualTo(model.id());
    }

    @Test
    void anUpsertWithoutTextStillProducesAnEventWithZeroChunks() {
        EmbeddedDocument embedded = embedder.apply(document("Scanned image", TextSection.of("   ")));
        assertThat(embedded.document().op()).isEqualTo(Operation.UPSERT);
        assertThat(embedded.chunks()).isEmpty();
        assertThat(embedded.model()).isEqualTo("bge-small-en-v1.5-int8");
        assertThat(embedded.contentHash()).isEqualTo("hash-1");
    }

    @Test
    void aDocumentWithTooManyChunksIsRejectedAsPoison() {
        DocumentEmbedder strict = new DocumentEmbedder(new Chunker(tokenizer, new ChunkingPolicy(32, 0, false, 0)), model, 3);
        assertThatThrownBy(() -> strict.apply(document("T", TextSection.of(words("w", 0, 200)))))
                .isInstanceOf(DocumentRejectedException.class)
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("doc-1 v3").hasMessageContaining("over the limit of 3");
    }

    @Test
    void chunksThatWouldNotFitTheModelAreRefusedAtStart() {
        assertThatThrownBy(() -> new DocumentEmbedder(new Chunker(tokenizer, new ChunkingPolicy(500, 32, true, 32)), model, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("534");
        new DocumentEmbedder(new Chunker(tokenizer, new ChunkingPolicy(500, 32, false, 32)), model, 10);
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }
}
