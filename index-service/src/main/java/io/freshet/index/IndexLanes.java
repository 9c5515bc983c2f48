package io.freshet.index;

import io.freshet.contract.failure.PoisonEventException;
import io.freshet.contract.failure.TransientFailureException;
import io.freshet.contract.index.ModelCatalog;
import io.freshet.pipeline.kafka.ModelDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The lanes index-service writes: one per model the pipeline keeps ({@link ModelDirectory}), made the first time they
 * are needed (indices created then). An embedded document goes to its model's lane, even one the directory does not
 * name yet (embed-service may have read a model change first); a verdict about a document goes to every kept lane.
 */
public class IndexLanes {

    private static final Logger log = LoggerFactory.getLogger(IndexLanes.class);

    private final ModelDirectory models;
    private final Function<String, IndexLane> factory;
    private final Map<String, IndexLane> lanes = new ConcurrentHashMap<>();

    IndexLanes(ModelDirectory models, IndexLane configured, Function<String, IndexLane> factory) {
        this.models = models;
        this.factory = factory;
        lanes.put(configured.model(), configured);
    }

    /** The lane of the configured model (the one before any model change). */
    public IndexLane configured() {
        return lanes.get(models.configuredModel());
    }

    /** The lanes of every model kept now, the serving model's first. */
    public List<IndexLane> kept() {
        var kept = new ArrayList<IndexLane>();
        for (String model : models.maintained()) {
            kept.add(lane(model));
        }
        return kept;
    }

    /** The lane of {@code model} (null: a record from before model changes, the configured model's). */
    public IndexLane lane(String model) {
        String id = model == null ? models.configuredModel() : model;
        if (ModelCatalog.find(id).isEmpty()) {
            throw new PoisonEventException("the event is for embedding model '" + id + "', which this version of "
                    + "Freshet does not know");
        }
        IndexLane lane = lanes.computeIfAbsent(id, key -> {
            log.info("writing the indices of model {} too", key);
            return factory.apply(key);
        });
        if (!lane.bootstrap().isReady() && !lane.bootstrap().ensureIndices()) {
            throw new TransientFailureException("the indices of model " + id + " are not ready: " + lane.bootstrap().problem(), null);
        }
        return lane;
    }

    /** Every lane made so far, for health and the operator's view. */
    public List<IndexLane> all() {
        return List.copyOf(lanes.values());
    }
}
