package io.freshet.bench;

import io.freshet.contract.index.ChunkIndex;
import io.freshet.contract.index.StatusIndex;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what index-service wrote, straight from OpenSearch's REST API (field names from {@link ChunkIndex} and
 * {@link StatusIndex}): counts, the status records' states, the chunks with their vectors, and the approximate and
 * exact nearest neighbours of a vector.
 */
public final class IndexReader {

    /** A passage as stored in the chunk index. */
    public record StoredChunk(String documentId, int number, String title, String text, Integer page, String origin,
                              String contentHash, float[] vector) {
    }

    /** How many status records are in one state, the latest update among them, and their chunks. */
    public record StateCount(long documents, long chunks, Instant lastUpdate) {
    }

    /** A document a stage refused, with its reason. */
    public record Rejection(String id, String reason) {
    }

    /** A nearest-neighbour hit: the chunk id and its stored vector. */
    public record Neighbour(String chunkId, float[] vector) {
    }

    private static final int PAGE = 500;

    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(120));
    private final String url;
    private final String chunkIndex;
    private final String statusIndex;

    public IndexReader(String openSearchUrl, String chunkIndex, String statusIndex) {
        this.url = openSearchUrl;
        this.chunkIndex = chunkIndex;
        this.statusIndex = statusIndex;
    }

    public String chunkIndex() {
        return chunkIndex;
    }

    /** Chunks in the index (as of the last refresh); 0 before the index exists. */
    public long chunkCount() {
        JsonHttp.Reply reply = http.get(url + "/" + chunkIndex + "/_count");
        return reply.ok() && reply.json() != null ? reply.json().path("count").asLong(0) : 0;
    }

    /** Status records by state; empty before the status index exists. */
    public Map<String, StateCount> statesByState() {
        return statesByState("");
    }

    public List<Rejection> rejections(int limit) {
        String body = """
                {"size": %d, "query": {"term": {"%s": "REJECTED"}}, "_source": ["%s", "%s"]}
                """.formatted(limit, StatusIndex.STATE, StatusIndex.ID, StatusIndex.REASON);
        JsonHttp.Reply reply = http.post(url + "/" + statusIndex + "/_search", body);
        List<Rejection> rejections = new ArrayList<>();
        if (reply.ok() && reply.json() != null) {
            for (JsonNode hit : reply.json().path("hits").path("hits")) {
                rejections.add(new Rejection(hit.path("_id").asString(),
                        hit.path("_source").path(StatusIndex.REASON).asString("")));
            }
        }
        return rejections;
    }

    /**
     * Waits until the chunk index has had no merge running for two reads in a row (a bulk fill leaves OpenSearch
     * merging HNSW segments for minutes, which a search measured then pays for), at most {@code max}. Returns the
     * seconds waited, or null when merges were still running at the deadline.
     */
    public Double awaitMergesSettled(Duration max) {
        long started = System.nanoTime();
        long deadline = started + max.toNanos();
        int quietReads = 0;
        while (System.nanoTime() < deadline) {
            JsonHttp.Reply reply = http.get(url + "/" + chunkIndex + "/_stats/merge");
            long running = reply.ok() && reply.json() != null
                    ? reply.json().path("indices").path(chunkIndex).path("primaries").path("merges").path("current").asLong(0) : 0;
            quietReads = running == 0 ? quietReads + 1 : 0;
            if (quietReads == 2) {
                return Report.round((System.nanoTime() - started) / 1e9, 1);
            }
            Threads.sleep(500);
        }
        return null;
    }

    public void refresh() {
        http.post(url + "/" + chunkIndex + "," + statusIndex + "/_refresh", "{}");
    }

    /** Every chunk with its vector, in chunk id order (search_after pages, so it works at any size). */
    public List<StoredChunk> allChunks() {
        List<StoredChunk> chunks = new ArrayList<>();
        String after = null;
        while (true) {
            String searchAfter = after == null ? "" : ", \"search_after\": [" + JsonHttp.JSON.writeValueAsString(after) + "]";
            String body = """
                    {"size": %d, "query": {"match_all": {}}, "sort": [{"%s": "asc"}]%s,
                     "_source": ["%s", "%s", "%s", "%s", "%s", "%s", "%s", "%s", "%s"]}
                    """.formatted(PAGE, ChunkIndex.CHUNK_ID, searchAfter, ChunkIndex.CHUNK_ID, ChunkIndex.DOCUMENT_ID,
                    ChunkIndex.CHUNK_NUMBER, ChunkIndex.TITLE, ChunkIndex.TEXT, ChunkIndex.PAGE, ChunkIndex.ORIGIN,
                    ChunkIndex.CONTENT_HASH, ChunkIndex.EMBEDDING);
            JsonHttp.Reply reply = http.post(url + "/" + chunkIndex + "/_search", body);
            if (!reply.ok() || reply.json() == null) {
                throw new IllegalStateException("reading chunks from " + chunkIndex + " failed: HTTP " + reply.status()
                        + " " + abbreviate(reply.body()));
            }
            JsonNode hits = reply.json().path("hits").path("hits");
            if (hits.isEmpty()) {
                return chunks;
            }
            for (JsonNode hit : hits) {
                JsonNode source = hit.path("_source");
                JsonNode page = source.path(ChunkIndex.PAGE);
                chunks.add(new StoredChunk(
                        source.path(ChunkIndex.DOCUMENT_ID).asString(),
                        source.path(ChunkIndex.CHUNK_NUMBER).asInt(),
                        source.path(ChunkIndex.TITLE).asString(""),
                        source.path(ChunkIndex.TEXT).asString(""),
                        page.isNumber() ? page.asInt() : null,
                        source.path(ChunkIndex.ORIGIN).isString() ? source.path(ChunkIndex.ORIGIN).asString() : null,
                        source.path(ChunkIndex.CONTENT_HASH).asString(null),
                        vector(source.path(ChunkIndex.EMBEDDING))));
                after = source.path(ChunkIndex.CHUNK_ID).asString();
            }
        }
    }

    /**
     * The approximate nearest neighbours, as query-service asks for them: the k-NN query with {@code k} candidates
     * and the public-ACL filter inside it, the best {@code size} returned.
     */
    public List<Neighbour> approximate(float[] vector, int k, int size) {
        String body = """
                {"size": %d, "_source": ["%s"], "query": {"knn": {"%s": {"vector": %s, "k": %d,
                  "filter": {"term": {"%s": true}}}}}}
                """.formatted(size, ChunkIndex.EMBEDDING, ChunkIndex.EMBEDDING, array(vector), k, ChunkIndex.ACL_PUBLIC);
        return neighbours(body);
    }

    /** The exact nearest neighbours by brute force (k-NN plugin's knn_score script, cosine), same filter. */
    public List<Neighbour> exact(float[] vector, int size) {
        String body = """
                {"size": %d, "_source": ["%s"], "query": {"script_score": {
                  "query": {"bool": {"filter": [{"term": {"%s": true}}]}},
                  "script": {"source": "knn_score", "lang": "knn",
                    "params": {"field": "%s", "query_value": %s, "space_type": "cosinesimil"}}}}}
                """.formatted(size, ChunkIndex.EMBEDDING, ChunkIndex.ACL_PUBLIC, ChunkIndex.EMBEDDING, array(vector));
        return neighbours(body);
    }

    private List<Neighbour> neighbours(String body) {
        JsonHttp.Reply reply = http.post(url + "/" + chunkIndex + "/_search", body);
        if (!reply.ok() || reply.json() == null) {
            throw new IllegalStateException("nearest-neighbour search failed: HTTP " + reply.status() + " "
                    + abbreviate(reply.body()));
        }
        List<Neighbour> neighbours = new ArrayList<>();
        for (JsonNode hit : reply.json().path("hits").path("hits")) {
            neighbours.add(new Neighbour(hit.path("_id").asString(), vector(hit.path("_source").path(ChunkIndex.EMBEDDING))));
        }
        return neighbours;
    }

    /** Segment count and size of the chunk index, for the report. */
    public Map<String, Object> chunkIndexStats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        JsonHttp.Reply reply = http.get(url + "/" + chunkIndex + "/_stats/docs,segments,store");
        if (reply.ok() && reply.json() != null) {
            JsonNode primaries = reply.json().path("indices").path(chunkIndex).path("primaries");
            stats.put("docs", primaries.path("docs").path("count").asLong());
            stats.put("segments", primaries.path("segments").path("count").asLong());
            stats.put("store_mib", Report.round(primaries.path("store").path("size_in_bytes").asLong() / 1048576.0, 1));
        }
        return stats;
    }

    /**
     * Status records by state among the documents whose id starts with {@code idPrefix} (the curve's batches; "" for
     * all); empty before the status index exists.
     */
    public Map<String, StateCount> statesByState(String idPrefix) {
        String body = """
                {"size": 0, "query": {"prefix": {"%s": %s}},
                 "aggs": {"states": {"terms": {"field": "%s", "size": 10},
                  "aggs": {"last": {"max": {"field": "%s"}}, "chunks": {"sum": {"field": "%s"}}}}}}
                """.formatted(StatusIndex.ID, JsonHttp.JSON.writeValueAsString(idPrefix), StatusIndex.STATE,
                StatusIndex.UPDATED_AT, StatusIndex.CHUNKS);
        JsonHttp.Reply reply = http.post(url + "/" + statusIndex + "/_search", body);
        Map<String, StateCount> states = new LinkedHashMap<>();
        if (!reply.ok() || reply.json() == null) {
            return states;
        }
        for (JsonNode bucket : reply.json().path("aggregations").path("states").path("buckets")) {
            JsonNode last = bucket.path("last").path("value");
            states.put(bucket.path("key").asString(), new StateCount(bucket.path("doc_count").asLong(),
                    Math.round(bucket.path("chunks").path("value").asDouble(0)),
                    last.isNumber() ? Instant.ofEpochMilli(last.asLong()) : null));
        }
        return states;
    }

    /**
     * The chunk index's refresh interval, e.g. "-1" (off) while the bench fills it and "1s" (the mapping's) after:
     * fewer, larger segments make the HNSW build cheaper. index-service refreshes explicitly where it needs to.
     */
    public void setChunkRefreshInterval(String interval) {
        JsonHttp.Reply reply = http.put(url + "/" + chunkIndex + "/_settings",
                "{\"index\": {\"refresh_interval\": " + JsonHttp.JSON.writeValueAsString(interval) + "}}");
        if (!reply.ok()) {
            throw new IllegalStateException("setting refresh_interval " + interval + " on " + chunkIndex + " failed: HTTP "
                    + reply.status() + " " + abbreviate(reply.body()));
        }
    }

    /** The status records of these documents (real-time reads), by id; a document without one is absent. */
    public Map<String, SoakVerification.Status> statuses(List<String> ids) {
        Map<String, SoakVerification.Status> statuses = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += PAGE) {
            List<String> page = ids.subList(from, Math.min(ids.size(), from + PAGE));
            JsonHttp.Reply reply = http.post(url + "/" + statusIndex + "/_mget", Map.of("ids", page));
            if (!reply.ok() || reply.json() == null) {
                throw new IllegalStateException("reading status records failed: HTTP " + reply.status() + " "
                        + abbreviate(reply.body()));
            }
            for (JsonNode doc : reply.json().path("docs")) {
                if (doc.path("found").asBoolean(false)) {
                    JsonNode source = doc.path("_source");
                    statuses.put(doc.path("_id").asString(), new SoakVerification.Status(source.path(StatusIndex.VERSION).asLong(),
                            source.path(StatusIndex.STATE).asString(""), source.path(StatusIndex.CHUNKS).asInt()));
                }
            }
        }
        return statuses;
    }

    /** Every chunk of these documents: its document, number and version (as of the last refresh). */
    public List<SoakVerification.Chunk> chunkVersions(List<String> documentIds) {
        List<SoakVerification.Chunk> chunks = new ArrayList<>();
        for (int from = 0; from < documentIds.size(); from += PAGE) {
            String ids = JsonHttp.JSON.writeValueAsString(documentIds.subList(from, Math.min(documentIds.size(), from + PAGE)));
            String after = null;
            while (true) {
                String searchAfter = after == null ? "" : ", \"search_after\": [" + JsonHttp.JSON.writeValueAsString(after) + "]";
                String body = """
                        {"size": %d, "query": {"terms": {"%s": %s}}, "sort": [{"%s": "asc"}]%s,
                         "_source": ["%s", "%s", "%s", "%s"]}
                        """.formatted(PAGE, ChunkIndex.DOCUMENT_ID, ids, ChunkIndex.CHUNK_ID, searchAfter, ChunkIndex.CHUNK_ID,
                        ChunkIndex.DOCUMENT_ID, ChunkIndex.CHUNK_NUMBER, ChunkIndex.VERSION);
                JsonHttp.Reply reply = http.post(url + "/" + chunkIndex + "/_search", body);
                if (!reply.ok() || reply.json() == null) {
                    throw new IllegalStateException("reading chunk versions failed: HTTP " + reply.status() + " "
                            + abbreviate(reply.body()));
                }
                JsonNode hits = reply.json().path("hits").path("hits");
                if (hits.isEmpty()) {
                    break;
                }
                for (JsonNode hit : hits) {
                    JsonNode source = hit.path("_source");
                    chunks.add(new SoakVerification.Chunk(source.path(ChunkIndex.DOCUMENT_ID).asString(),
                            source.path(ChunkIndex.CHUNK_NUMBER).asInt(), source.path(ChunkIndex.VERSION).asLong()));
                    after = source.path(ChunkIndex.CHUNK_ID).asString();
                }
            }
        }
        return chunks;
    }

    static float[] vector(JsonNode array) {
        float[] vector = new float[array.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) array.get(i).asDouble();
        }
        return vector;
    }

    static String array(float[] vector) {
        StringBuilder out = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(vector[i]);
        }
        return out.append(']').toString();
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }
}
