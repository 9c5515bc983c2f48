package io.freshet.query.retrieval;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.freshet.embedding.EmbeddingModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Query embeddings, with a bounded cache for questions asked again (the model is most of a search's CPU). A query's
 * vector depends on its text alone, never on who asks, so one caller's entry may serve another. Keys are SHA-256
 * hashes of the normalised text: the cache holds no question in plain text (the audit log hashes them too).
 */
public final class QueryVectors {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final ServedModels models;
    private final Cache<String, float[]> cache;

    /** @param maxEntries 0: no cache, every query is embedded */
    public QueryVectors(ServedModels models, int maxEntries, Duration timeToLive) {
        this.models = models;
        this.cache = maxEntries == 0 ? null
                : Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(timeToLive).build();
    }

    /** One model only. */
    public QueryVectors(EmbeddingModel model, int maxEntries, Duration timeToLive) {
        this(ServedModels.only(model), maxEntries, timeToLive);
    }

    /** Without a cache. */
    public static QueryVectors uncached(EmbeddingModel model) {
        return new QueryVectors(model, 0, Duration.ZERO);
    }

    /**
     * The vector of the query with its whitespace normalised (the tokenizer only splits on it, so the vector is the
     * same); concurrent misses for one query embed it once. A copy: no caller can change a cached vector.
     */
    public float[] of(String query) {
        return of(null, query);
    }

    /** The same with the model {@code modelId} (null: the configured one); each model's vectors are cached apart. */
    public float[] of(String modelId, String query) {
        String normalised = normalise(query);
        EmbeddingModel model = models.get(modelId);
        if (cache == null) {
            return model.embedQuery(normalised);
        }
        return cache.get(model.id() + ":" + sha256(normalised), key -> model.embedQuery(normalised)).clone();
    }

    /** Entries held now (0 without a cache); after {@link #cleanUp()}, evictions are counted out. */
    long size() {
        return cache == null ? 0 : cache.estimatedSize();
    }

    void cleanUp() {
        if (cache != null) {
            cache.cleanUp();
        }
    }

    static String normalise(String query) {
        return WHITESPACE.matcher(query.strip()).replaceAll(" ");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
