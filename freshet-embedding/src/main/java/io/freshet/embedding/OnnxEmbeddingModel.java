package io.freshet.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A BERT-style sentence encoder run directly on ONNX Runtime: the model's tokenizer (truncating at
 * {@link EmbeddingProperties#maxSequenceTokens()} or the model's own limit, whichever is lower), one inference per
 * batch, the sentence vector pooled as the model was trained ({@link ModelSpec.Pooling}), L2-normalised. Thread-safe: callers may embed concurrently, each inference
 * using {@link EmbeddingProperties#intraOpThreads()} threads.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OnnxEmbeddingModel.class);

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";

    private final ModelSpec spec;
    private final EmbeddingProperties properties;
    private final int maxSequenceTokens;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions sessionOptions;
    private final OrtSession session;
    private final boolean takesTokenTypeIds;
    private final String hiddenStateOutput;
    /** Inferences hold the read side; close() takes the write side so it never frees a session in use. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    public OnnxEmbeddingModel(ModelSpec spec, EmbeddingProperties properties) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.properties = Objects.requireNonNull(properties, "properties");
        // A cap, not a demand: a model trained on shorter inputs than the setting allows is given what it knows.
        this.maxSequenceTokens = Math.min(properties.maxSequenceTokens(), spec.maxSequenceTokens());
        long started = System.nanoTime();
        String maxLength = String.valueOf(maxSequenceTokens);
        this.tokenizer = HuggingFaceModelTokenizer.load(spec, Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "maxLength", maxLength,
                "modelMaxLength", maxLength,
                "padding", "false"));
        this.environment = OrtEnvironment.getEnvironment();
        try {
            this.sessionOptions = new OrtSession.SessionOptions();
            sessionOptions.setIntraOpNumThreads(properties.intraOpThreads());
            sessionOptions.setInterOpNumThreads(1);
            sessionOptions.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(ModelResources.read(spec.onnxResource()), sessionOptions);
            this.takesTokenTypeIds = checkInputs(session);
            this.hiddenStateOutput = checkOutput(session, spec);
        } catch (OrtException e) {
            tokenizer.close();
            throw new IllegalStateException("cannot load ONNX model '" + spec.onnxResource() + "'", e);
        }
        log.info("Loaded embedding model {} ({} dims, max {} tokens, {} intra-op thread(s), batch size {}) in {} ms",
                spec.id(), spec.dimensions(), maxSequenceTokens, properties.intraOpThreads(),
                properties.batchSize(), (System.nanoTime() - started) / 1_000_000);
    }

    /** The model with the given settings, for code that runs without Spring (tests, benchmarks). */
    public static OnnxEmbeddingModel bgeSmall(EmbeddingProperties properties) {
        return new OnnxEmbeddingModel(ModelSpec.BGE_SMALL_EN_V15_INT8, properties);
    }

    /** The catalogued model {@code id} with the given settings. */
    public static OnnxEmbeddingModel of(String id, EmbeddingProperties properties) {
        return new OnnxEmbeddingModel(ModelSpec.of(id), properties);
    }

    private static boolean checkInputs(OrtSession session) {
        var inputs = session.getInputNames();
        if (!inputs.contains(INPUT_IDS) || !inputs.contains(ATTENTION_MASK)) {
            throw new IllegalStateException("model inputs " + inputs + " lack " + INPUT_IDS + "/" + ATTENTION_MASK);
        }
        return inputs.contains(TOKEN_TYPE_IDS);
    }

    private static String checkOutput(OrtSession session, ModelSpec spec) throws OrtException {
        // The first output is the last hidden state [batch, tokens, dims], which the spec's pooling makes one vector.
        Map.Entry<String, NodeInfo> first = session.getOutputInfo().entrySet().iterator().next();
        if (first.getValue().getInfo() instanceof TensorInfo tensor) {
            long[] shape = tensor.getShape();
            if (shape.length != 3 || shape[2] != spec.dimensions()) {
                throw new IllegalStateException("model output '" + first.getKey() + "' has shape "
                        + Arrays.toString(shape) + ", expected [batch, tokens, " + spec.dimensions() + "]");
            }
        }
        return first.getKey();
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public int dimensions() {
        return spec.dimensions();
    }

    @Override
    public int maxSequenceTokens() {
        return maxSequenceTokens;
    }

    /** The settings this model runs with. */
    public EmbeddingProperties properties() {
        return properties;
    }

    @Override
    public float[] embedQuery(String query) {
        Objects.requireNonNull(query, "query");
        return embedBatch(List.of(properties.queryInstruction() + query)).get(0);
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
        List<float[]> vectors = new ArrayList<>(passages.size());
        int batchSize = properties.batchSize();
        for (int from = 0; from < passages.size(); from += batchSize) {
            vectors.addAll(embedBatch(passages.subList(from, Math.min(passages.size(), from + batchSize))));
        }
        return vectors;
    }

    private List<float[]> embedBatch(List<String> texts) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("embedding model " + spec.id() + " is closed");
            }
            return infer(encode(texts));
        } catch (OrtException e) {
            throw new IllegalStateException("embedding with " + spec.id() + " failed: " + e.getMessage(), e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Token ids and attention mask of a batch, padded to its longest text. */
    private EncodedBatch encode(List<String> texts) {
        int batch = texts.size();
        long[][] ids = new long[batch][];
        int longest = 0;
        for (int i = 0; i < batch; i++) {
            Encoding encoding = tokenizer.encode(Objects.requireNonNull(texts.get(i), "passage"));
            ids[i] = encoding.getIds();
            longest = Math.max(longest, ids[i].length);
        }
        // Pad to the longest text of the batch; padded positions are masked out (and are 0 = [PAD]).
        long[][] inputIds = new long[batch][longest];
        long[][] mask = new long[batch][longest];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(ids[i], 0, inputIds[i], 0, ids[i].length);
            Arrays.fill(mask[i], 0, ids[i].length, 1L);
        }
        return new EncodedBatch(inputIds, mask);
    }

    private record EncodedBatch(long[][] inputIds, long[][] attentionMask) {
    }

    private List<float[]> infer(EncodedBatch encoded) throws OrtException {
        long[][] inputIds = encoded.inputIds();
        long[][] mask = encoded.attentionMask();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(INPUT_IDS, OnnxTensor.createTensor(environment, inputIds));
            inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(environment, mask));
            if (takesTokenTypeIds) {
                inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(environment, new long[inputIds.length][inputIds[0].length]));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(hiddenStateOutput)
                        .orElseThrow(() -> new IllegalStateException("model returned no '" + hiddenStateOutput + "'"))
                        .getValue();
                List<float[]> vectors = new ArrayList<>(hidden.length);
                for (int i = 0; i < hidden.length; i++) {
                    vectors.add(normalise(spec.pooling() == ModelSpec.Pooling.CLS ? hidden[i][0].clone() : mean(hidden[i], mask[i])));
                }
                return vectors;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** The mean of the token states the attention mask keeps (padding is masked out). */
    static float[] mean(float[][] tokens, long[] mask) {
        float[] sum = new float[tokens[0].length];
        int counted = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            counted++;
            for (int d = 0; d < sum.length; d++) {
                sum[d] += tokens[t][d];
            }
        }
        for (int d = 0; d < sum.length && counted > 0; d++) {
            sum[d] /= counted;
        }
        return sum;
    }

    static float[] normalise(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        if (sum == 0) {
            return vector;
        }
        float inverse = (float) (1.0 / Math.sqrt(sum));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= inverse;
        }
        return vector;
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                session.close();
            } catch (OrtException e) {
                log.warn("Closing the ONNX session of {} failed: {}", spec.id(), e.getMessage());
            }
            sessionOptions.close();
            tokenizer.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
