package io.freshet.index.model;

import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.ModelState;
import io.freshet.contract.event.Topics;
import io.freshet.contract.index.ModelCatalog;
import io.freshet.contract.index.StatusIndex;
import io.freshet.index.IndexAdmin;
import io.freshet.index.IndexLane;
import io.freshet.index.IndexLanes;
import io.freshet.pipeline.kafka.EventPublisher;
import io.freshet.pipeline.kafka.ModelDirectory;
import io.freshet.pipeline.opensearch.OpenSearchProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changing the embedding model without downtime: {@link #reindex} builds the other model's indices from the compacted
 * changes topic while queries are served from the current ones and every new change reaches both; {@link #serve} moves
 * the readers' aliases to a model's indices in one atomic request (and back, for a rollback), keeping the old indices
 * up to date. The stages learn which models to keep from {@link Topics#MODELS}, which this class writes.
 */
public class ModelChange {

    private static final Logger log = LoggerFactory.getLogger(ModelChange.class);

    private final IndexLanes lanes;
    private final ModelDirectory models;
    private final IndexAdmin admin;
    private final OpenSearchProperties openSearch;
    private final EventPublisher publisher;
    private final ConsumerFactory<String, String> consumers;
    private final KafkaTemplate<String, String> template;
    private final Clock clock;
    private final Map<String, ReplayCopier> replays = new LinkedHashMap<>();
    private final Map<String, ReplayWatermarks> watermarks = new LinkedHashMap<>();
    private final java.util.function.Supplier<ReplayWatermarks> newWatermarks;

    /** @param newWatermarks a fresh watch of the stages' offsets, for each reindex */
    public ModelChange(IndexLanes lanes, ModelDirectory models, IndexAdmin admin, OpenSearchProperties openSearch,
                       EventPublisher publisher, ConsumerFactory<String, String> consumers,
                       KafkaTemplate<String, String> template, Clock clock,
                       java.util.function.Supplier<ReplayWatermarks> newWatermarks) {
        this.lanes = lanes;
        this.models = models;
        this.admin = admin;
        this.openSearch = openSearch;
        this.publisher = publisher;
        this.consumers = consumers;
        this.template = template;
        this.clock = clock;
        this.newWatermarks = newWatermarks;
    }

    /** Where the change stands: every catalogued model, the serving one, and a reindex's progress. */
    public synchronized Map<String, Object> overview() {
        var body = new LinkedHashMap<String, Object>();
        String serving = servingModel();
        body.put("serving", serving);
        var list = new java.util.ArrayList<Map<String, Object>>();
        for (ModelCatalog.Model model : ModelCatalog.all()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("id", model.id());
            entry.put("dimensions", model.dimensions());
            entry.put("description", model.description());
            entry.put("state", model.id().equals(serving) ? ModelState.State.SERVING.name()
                    : models.state(model.id()).map(s -> s.state().name()).orElse("AVAILABLE"));
            list.add(entry);
        }
        body.put("models", list);
        // The reindex this instance runs, else one the models topic says is being built (started elsewhere).
        replays.keySet().stream().filter(m -> !m.equals(serving)).findFirst()
                .or(() -> models.maintained().stream().filter(m -> !m.equals(serving)
                        && models.state(m).map(s -> s.state() == ModelState.State.BUILDING).orElse(false)).findFirst())
                .ifPresent(building -> body.put("reindex", progress(building, serving)));
        return body;
    }

    /**
     * Starts building {@code model}'s indices: they are created, the stages are told to keep the model (new changes
     * are embedded with it too), and the changes topic is replayed for it. Again while it runs: nothing new; again after
     * a failed replay: the replay again.
     */
    public synchronized Map<String, Object> reindex(String model) {
        ModelCatalog.require(model);
        String serving = servingModel();
        if (model.equals(serving)) {
            throw new IllegalArgumentException("model " + model + " is serving already");
        }
        for (String kept : models.maintained()) {
            if (!kept.equals(serving) && !kept.equals(model)
                    && models.state(kept).map(s -> s.state() == ModelState.State.BUILDING).orElse(false)) {
                throw new IllegalStateException("model " + kept + " is being built; serve it or wait before starting another");
            }
        }
        ReplayCopier running = replays.get(model);
        if (running == null || running.failure() != null) {
            lanes.lane(model); // its indices, before anything is written for it
            publish(new ModelState(serving, ModelState.State.SERVING, clock.instant()));
            publish(new ModelState(model, ModelState.State.BUILDING, clock.instant()));
            ReplayCopier copier = new ReplayCopier(consumers, template, model);
            replays.put(model, copier);
            watermarks.put(model, newWatermarks.get());
            Thread thread = new Thread(copier, "replay-" + model);
            thread.setDaemon(true);
            thread.start();
            log.warn("reindex to model {} started by an operator: its indices fill from {} while {} serves", model,
                    Topics.CHANGES, serving);
        }
        return progress(model, serving);
    }

    /**
     * Points the readers' aliases at {@code model}'s indices in one atomic request; the model serving before is kept
     * up to date for a rollback. Refused while {@code model}'s indices are behind, unless {@code force}.
     */
    public synchronized Map<String, Object> serve(String model, boolean force) {
        ModelCatalog.require(model);
        String serving = servingModel();
        if (model.equals(serving)) {
            return Map.of("serving", serving, "changed", false);
        }
        if (!models.maintained().contains(model)) {
            throw new IllegalStateException("model " + model + " has no up-to-date indices: reindex to it first");
        }
        Map<String, Object> progress = progress(model, serving);
        if (!force && !Boolean.TRUE.equals(progress.get("ready"))) {
            throw new IllegalStateException("model " + model + "'s indices are not caught up yet: " + progress);
        }
        IndexLane lane = lanes.lane(model);
        try {
            // Written is not yet searchable while a backlog slows the refresh (RefreshPacer): all of it, before readers come.
            admin.refresh(lane.bootstrap().chunkIndex(), lane.bootstrap().statusIndex());
            admin.moveAliases(Map.of(openSearch.chunkIndex(), lane.bootstrap().chunkIndex(),
                    openSearch.statusIndex(), lane.bootstrap().statusIndex()), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("moving the aliases to model " + model + " failed: " + e.getMessage(), e);
        }
        publish(new ModelState(model, ModelState.State.SERVING, clock.instant()));
        publish(new ModelState(serving, ModelState.State.RETAINED, clock.instant()));
        replays.remove(model);
        watermarks.remove(model);
        log.warn("model {} serves now ({} and {} moved in one step); model {} is kept up to date for a rollback", model,
                openSearch.chunkIndex(), openSearch.statusIndex(), serving);
        return Map.of("serving", model, "previous", serving, "changed", true);
    }

    /** Serves the model kept for a rollback again. */
    public Map<String, Object> rollback() {
        String retained = models.maintained().stream()
                .filter(m -> models.state(m).map(s -> s.state() == ModelState.State.RETAINED).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no model is kept for a rollback"));
        return serve(retained, true);
    }

    /**
     * Stops keeping {@code model}'s indices (not the serving model's): the stages no longer embed or write for it. Its
     * indices stay in OpenSearch until an operator deletes them; a later reindex to it starts them afresh.
     */
    public synchronized Map<String, Object> retire(String model) {
        ModelCatalog.require(model);
        if (model.equals(servingModel())) {
            throw new IllegalStateException("model " + model + " is serving: serve another one first");
        }
        publisher.publish(Topics.MODELS, model, null);
        ReplayCopier copier = replays.remove(model);
        watermarks.remove(model);
        log.warn("model {} retired by an operator{}", model, copier != null && !copier.done() ? " (its replay was still running)" : "");
        return Map.of("retired", model);
    }

    /** The model whose indices the chunk alias points at. */
    private String servingModel() {
        try {
            List<String> targets = admin.aliasTargets(openSearch.chunkIndex());
            for (IndexLane lane : lanes.all()) {
                if (targets.contains(lane.bootstrap().chunkIndex())) {
                    return lane.model();
                }
            }
            for (ModelCatalog.Model model : ModelCatalog.all()) {
                if (targets.contains(ModelCatalog.indexOf(openSearch.chunkIndex(), model.id()))) {
                    return model.id();
                }
            }
            return models.serving();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read which index " + openSearch.chunkIndex() + " serves: " + e.getMessage(), e);
        }
    }

    /**
     * How far {@code model}'s indices are: documents searchable or refused in them against the serving indices', those
     * still on their way, and the replay. Ready when every stage has handled the whole replay ({@link ReplayWatermarks}),
     * none of its documents is on its way and none is missing.
     */
    private Map<String, Object> progress(String model, String serving) {
        var body = new LinkedHashMap<String, Object>();
        body.put("model", model);
        try {
            Map<String, Long> building = admin.countsByState(ModelCatalog.indexOf(openSearch.statusIndex(), model), StatusIndex.STATE);
            Map<String, Long> served = admin.countsByState(ModelCatalog.indexOf(openSearch.statusIndex(), serving), StatusIndex.STATE);
            long done = live(building);
            long total = live(served);
            long pending = building.getOrDefault(DocumentState.PENDING.name(), 0L);
            ReplayCopier copier = replays.get(model);
            ReplayWatermarks marks = watermarks.get(model);
            ReplayWatermarks.Stage stage = copier == null || marks == null ? null : marks.advance(copier.done());
            body.put("documents", done);
            body.put("total", total);
            body.put("pending", pending);
            body.put("replayed", copier == null ? null : copier.copied());
            body.put("replayTotal", copier == null ? null : copier.total());
            body.put("replayFailure", copier == null ? null : copier.failure());
            body.put("replayAt", stage == null ? null : stage.name());
            body.put("ready", stage == ReplayWatermarks.Stage.DONE && pending == 0 && done >= total);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count the documents of model " + model + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the stages' offsets for model " + model + ": " + e.getMessage(), e);
        }
        return body;
    }

    private static long live(Map<String, Long> counts) {
        return counts.getOrDefault(DocumentState.INDEXED.name(), 0L) + counts.getOrDefault(DocumentState.REJECTED.name(), 0L);
    }

    private void publish(ModelState state) {
        publisher.publish(Topics.MODELS, state.model(), state);
    }
}
