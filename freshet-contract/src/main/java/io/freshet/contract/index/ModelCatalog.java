package io.freshet.contract.index;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The embedding models Freshet ships (their weights are inside Maven jars) and how each one's indices are named. A
 * vector is only comparable with vectors of the same model, so every model has its own chunk and status index,
 * {@code <name>.<model id>}, and readers use {@code <name>} itself: an alias on the indices of the model that serves.
 * Changing the model is building the other model's indices and moving the alias (docs/operations.md).
 */
public final class ModelCatalog {

    /** BAAI bge-small-en-v1.5, int8: what a fresh installation embeds with. */
    public static final String DEFAULT_ID = "bge-small-en-v1.5-int8";

    /** The key of the chunk index mapping's {@code _meta} naming the model of its vectors. */
    public static final String META_MODEL = "freshet_model";

    /**
     * @param id          recorded with every vector and in the index names
     * @param dimensions  vector length
     * @param description what it is, for people
     */
    public record Model(String id, int dimensions, String description) {
    }

    private static final List<Model> MODELS = List.of(
            new Model(DEFAULT_ID, 384, "BAAI bge-small-en-v1.5, int8 (English, 512 tokens)"),
            new Model("all-minilm-l6-v2-int8", 384, "sentence-transformers all-MiniLM-L6-v2, int8 (English, 256 tokens)"));

    private ModelCatalog() {
    }

    public static List<Model> all() {
        return MODELS;
    }

    public static Optional<Model> find(String id) {
        return MODELS.stream().filter(model -> model.id().equals(id)).findFirst();
    }

    /** The model, or an error naming the ones there are. */
    public static Model require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown embedding model '" + id + "'; known: "
                + MODELS.stream().map(Model::id).collect(Collectors.joining(", "))));
    }

    /** The concrete index of {@code modelId} behind the alias {@code name} (e.g. freshet-chunks.bge-small-en-v1.5-int8). */
    public static String indexOf(String name, String modelId) {
        return name + "." + modelId;
    }
}
