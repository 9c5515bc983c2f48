package io.freshet.query.retrieval;

import io.freshet.embedding.EmbeddingModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The models query-service embeds questions with: the configured one, loaded at start, and whichever model the served
 * index turns out to hold after a model change, loaded from the classpath the first time it is asked for (a few
 * seconds once; the previous model stays loaded for a rollback).
 */
public final class ServedModels implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServedModels.class);

    private final EmbeddingModel configured;
    private final Function<String, EmbeddingModel> loader;
    private final Map<String, EmbeddingModel> loaded = new ConcurrentHashMap<>();

    public ServedModels(EmbeddingModel configured, Function<String, EmbeddingModel> loader) {
        this.configured = configured;
        this.loader = loader;
        loaded.put(configured.id(), configured);
    }

    /** Only the configured model (an id naming another one is refused). */
    public static ServedModels only(EmbeddingModel model) {
        return new ServedModels(model, id -> {
            throw new IllegalStateException("no embedding model " + id + " here (only " + model.id() + ")");
        });
    }

    /** The model {@code id}; null: the configured one. */
    public EmbeddingModel get(String id) {
        if (id == null) {
            return configured;
        }
        return loaded.computeIfAbsent(id, key -> {
            log.info("the served index holds vectors of {}: loading that model for questions", key);
            return loader.apply(key);
        });
    }

    @Override
    public void close() {
        loaded.values().stream().filter(model -> model != configured && model instanceof AutoCloseable)
                .forEach(model -> {
                    try {
                        ((AutoCloseable) model).close();
                    } catch (Exception e) {
                        log.warn("closing embedding model {}: {}", model.id(), e.getMessage());
                    }
                });
    }
}
