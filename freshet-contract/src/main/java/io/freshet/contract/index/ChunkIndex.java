package io.freshet.contract.index;

import java.time.Duration;

/**
 * The layout of the chunk index: one OpenSearch document per passage, id {@link #chunkId}. The only
 * place where its field names and mapping are written; index-service writes it, query-service reads it.
 */
public final class ChunkIndex {

    public static final String CHUNK_ID = "chunk_id";
    public static final String DOCUMENT_ID = "document_id";
    public static final String VERSION = "version";
    public static final String SOURCE = "source";
    public static final String TITLE = "title";
    public static final String URL = "url";
    public static final String CONTENT_TYPE = "content_type";
    public static final String CHUNK_NUMBER = "chunk_number";
    public static final String TEXT = "text";
    public static final String EMBEDDING = "embedding";
    public static final String METADATA = "metadata";
    public static final String ACL_PUBLIC = "acl_public";
    public static final String ACL_PRINCIPALS = "acl_principals";
    public static final String PAGE = "page";
    public static final String ORIGIN = "origin";
    public static final String CONTENT_HASH = "content_hash";
    public static final String EVENT_TIME = "event_time";
    public static final String INDEXED_AT = "indexed_at";

    private ChunkIndex() {
    }

    /**
     * How soon a write becomes searchable when index-service is caught up (it refreshes less often while it works off a
     * backlog: index-service's RefreshPacer).
     */
    public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(1);

    /** Deterministic per document and position, so a re-delivered upsert overwrites instead of duplicating. */
    public static String chunkId(String documentId, int chunkNumber) {
        return documentId + "#" + chunkNumber;
    }

    /**
     * The index body (settings and mappings). HNSW runs on the lucene engine: the only one whose code
     * ships in the Maven k-NN plugin (faiss/nmslib need native libraries). The english analyzer stems,
     * so "policies" finds "policy".
     */
    public static String indexBody(int dimensions, int hnswM, int hnswEfConstruction, int shards, int replicas) {
        return indexBody(null, dimensions, hnswM, hnswEfConstruction, shards, replicas);
    }

    /** The same, its mapping's {@code _meta} naming the model whose vectors it holds (null: none named). */
    public static String indexBody(String modelId, int dimensions, int hnswM, int hnswEfConstruction, int shards,
                                   int replicas) {
        String meta = modelId == null ? "" : "\"_meta\": {\"" + ModelCatalog.META_MODEL + "\": \"" + modelId + "\"},";
        return """
                {
                  "settings": {
                    "index": {
                      "knn": true,
                      "number_of_shards": %d,
                      "number_of_replicas": %d,
                      "refresh_interval": "%dms"
                    }
                  },
                  "mappings": {
                    %s
                    "dynamic": "strict",
                    "properties": {
                      "%s": {"type": "keyword"},
                      "%s": {"type": "keyword"},
                      "%s": {"type": "long"},
                      "%s": {"type": "keyword"},
                      "%s": {"type": "text", "analyzer": "english", "fields": {"raw": {"type": "keyword", "ignore_above": 512}}},
                      "%s": {"type": "keyword", "index": false},
                      "%s": {"type": "keyword"},
                      "%s": {"type": "integer"},
                      "%s": {"type": "text", "analyzer": "english"},
                      "%s": {
                        "type": "knn_vector",
                        "dimension": %d,
                        "method": {
                          "name": "hnsw",
                          "engine": "lucene",
                          "space_type": "cosinesimil",
                          "parameters": {"m": %d, "ef_construction": %d}
                        }
                      },
                      "%s": {"type": "flat_object"},
                      "%s": {"type": "boolean"},
                      "%s": {"type": "keyword"},
                      "%s": {"type": "integer"},
                      "%s": {"type": "keyword"},
                      "%s": {"type": "keyword"},
                      "%s": {"type": "date"},
                      "%s": {"type": "date"}
                    }
                  }
                }
                """.formatted(shards, replicas, REFRESH_INTERVAL.toMillis(), meta,
                CHUNK_ID, DOCUMENT_ID, VERSION, SOURCE, TITLE, URL, CONTENT_TYPE, CHUNK_NUMBER, TEXT,
                EMBEDDING, dimensions, hnswM, hnswEfConstruction,
                METADATA, ACL_PUBLIC, ACL_PRINCIPALS, PAGE, ORIGIN, CONTENT_HASH, EVENT_TIME, INDEXED_AT);
    }
}
