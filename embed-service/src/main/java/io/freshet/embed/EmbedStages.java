package io.freshet.embed;

import io.freshet.contract.event.ExtractedDocument;
import io.freshet.contract.failure.PoisonEventException;
import io.freshet.contract.index.ModelCatalog;
import io.freshet.embedding.EmbeddingModel;
import io.freshet.pipeline.kafka.ModelDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One {@link EmbedStage} per model whose indices the pipeline keeps ({@link ModelDirectory}): while a reindex builds
 * another model's indices, and after it while the old model is kept for a rollback, each change is embedded with each.
 * A document replayed for one model ({@link ExtractedDocument#forModel()}) goes to that model's stage alone. A model's
 * stage (and its weights) is made the first time it is needed.
 */
public class EmbedStages {

    private static final Logger log = LoggerFactory.getLogger(EmbedStages.class);

    private final ModelDirectory models;
    private final Function<String, EmbedStage> factory;
    private final Map<String, EmbedStage> stages = new ConcurrentHashMap<>();

    /**
     * @param configured the stage of the model this service was configured with
     * @param factory    makes the stage of another model
     */
    public EmbedStages(ModelDirectory models, EmbedStage configured, Function<String, EmbedStage> factory) {
        this.models = models;
        this.factory = factory;
        stages.put(configured.model(), configured);
    }

    /** The stages that must see this document, the serving model's first. */
    public List<EmbedStage> forDocument(ExtractedDocument extracted) {
        if (extracted.forModel() != null) {
            // Replayed for a model being built: this instance may not have read the models topic's news yet.
            return List.of(stage(extracted.forModel()));
        }
        List<String> maintained = models.maintained();
        var chosen = new ArrayList<EmbedStage>(maintained.size());
        maintained.forEach(model -> chosen.add(stage(model)));
        return chosen;
    }

    private EmbedStage stage(String model) {
        if (ModelCatalog.find(model).isEmpty()) {
            throw new PoisonEventException("the document is for embedding model '" + model + "', which this version of "
                    + "Freshet does not know");
        }
        return stages.computeIfAbsent(model, id -> {
            log.info("embedding with model {} too (a model change keeps its indices)", id);
            return factory.apply(id);
        });
    }

    /** The chunking a model gets: the configured one, with chunks cut shorter for a model trained on shorter inputs. */
    static ChunkingPolicy policyFor(EmbeddingModel model, ChunkingPolicy configured) {
        ChunkingPolicy fitted = configured.fittedTo(model.maxSequenceTokens() - DocumentEmbedder.SPECIAL_TOKENS);
        if (fitted != configured) {
            log.info("model {} takes at most {} tokens: its chunks are {} tokens (overlap {})", model.id(),
                    model.maxSequenceTokens(), fitted.chunkTokens(), fitted.overlapTokens());
        }
        return fitted;
    }
}
