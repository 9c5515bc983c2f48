package io.freshet.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/**
 * Readings of query-service's JSON answers that {@code ./freshet up} acts on. Lenient: a body that is not JSON,
 * or lacks a field, reads as "nothing known" rather than failing the run.
 *
 * <p>Uses Jackson, so only the launcher may load it: the services' tests take the engines jar without Jackson.
 */
final class QueryResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryResponses() {
    }

    /**
     * GET /v1/documents/{id}: where a document stands.
     *
     * @param version null when the answer has none (then any state counts as current)
     * @param reason  why it was rejected or failed, or null
     */
    record DocumentStatus(String state, Long version, String reason) {

        /** Settled: out of PENDING, in the published version or a later one (an older one is a previous run's). */
        boolean settledAt(long publishedVersion) {
            return !"PENDING".equals(state) && (version == null || version >= publishedVersion);
        }
    }

    /** The status in a GET /v1/documents/{id} body, if it names a state. */
    static Optional<DocumentStatus> documentStatus(String body) {
        JsonNode root = read(body);
        String state = text(root.path("state"));
        if (state == null || state.isBlank()) {
            return Optional.empty();
        }
        JsonNode version = root.path("version");
        return Optional.of(new DocumentStatus(state, version.isIntegralNumber() ? version.asLong() : null,
                text(root.path("reason"))));
    }

    /** Whether a POST /v1/search body holds at least one hit. */
    static boolean hasHits(String body) {
        JsonNode hits = read(body).path("hits");
        return hits.isArray() && !hits.isEmpty();
    }

    /** The title of a POST /v1/search body's first hit, if it has a non-blank one. */
    static Optional<String> firstHitTitle(String body) {
        String title = text(read(body).path("hits").path(0).path("title"));
        return title == null || title.isBlank() ? Optional.empty() : Optional.of(title);
    }

    private static JsonNode read(String body) {
        if (body == null) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.missingNode();
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
