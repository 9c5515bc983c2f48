package io.freshet.embedding;

import io.freshet.contract.index.ModelCatalog;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the embedding model runs.
 *
 * @param maxSequenceTokens longest model input, special tokens included; longer texts are truncated (bge: at most 512)
 * @param intraOpThreads    threads ONNX Runtime uses inside one inference; 1 leaves the other cores to the
 *                          other requests (each concurrent caller runs its own inference)
 * @param batchSize         texts per inference; 1 keeps a passage's vector reproducible, because an int8
 *                          model's vector shifts slightly with the other texts in its batch
 * @param queryInstruction  text prepended to a question before embedding; bge suggests
 *                          "Represent this sentence for searching relevant passages: ", which measured no gain here
 * @param model             which model (one of {@link ModelCatalog}) this service embeds with; query-service follows
 *                          the model of the index it serves instead, and needs it only to start with
 */
@Validated
@ConfigurationProperties("freshet.embedding")
public record EmbeddingProperties(
        @Min(8) @Max(512) @DefaultValue("512") int maxSequenceTokens,
        @Min(1) @Max(64) @DefaultValue("1") int intraOpThreads,
        @Min(1) @Max(256) @DefaultValue("1") int batchSize,
        @DefaultValue("") String queryInstruction,
        @NotBlank @DefaultValue(ModelCatalog.DEFAULT_ID) String model) {

    @ConstructorBinding
    public EmbeddingProperties {
        queryInstruction = queryInstruction == null ? "" : queryInstruction;
        if (model != null && !model.isBlank()) {
            ModelCatalog.require(model); // an unknown id stops the start with the list of known ones
        }
    }

    /** The default model with these settings. */
    public EmbeddingProperties(int maxSequenceTokens, int intraOpThreads, int batchSize, String queryInstruction) {
        this(maxSequenceTokens, intraOpThreads, batchSize, queryInstruction, ModelCatalog.DEFAULT_ID);
    }

    /** The defaults, for code that builds a model without Spring. */
    public static EmbeddingProperties defaults() {
        return new EmbeddingProperties(512, 1, 1, "");
    }
}
