package io.freshet.contract.index;

/**
 * The layout of the document status index: one OpenSearch document per source document, id = document id.
 * It records the last version applied (the guard against out-of-order events), how many chunks that
 * version has (so a shrinking document's surplus chunks can be deleted by id), and why a document
 * is not searchable.
 */
public final class StatusIndex {

    public static final String ID = "id";
    public static final String VERSION = "version";
    public static final String STATE = "state";
    public static final String CHUNKS = "chunks";
    public static final String REASON = "reason";
    public static final String CONTENT_HASH = "content_hash";
    public static final String UPDATED_AT = "updated_at";

    private StatusIndex() {
    }

    public static String indexBody(int shards, int replicas) {
        return """
                {
                  "settings": {"index": {"number_of_shards": %d, "number_of_replicas": %d}},
                  "mappings": {
                    "dynamic": "strict",
                    "properties": {
                      "%s": {"type": "keyword"},
                      "%s": {"type": "long"},
                      "%s": {"type": "keyword"},
                      "%s": {"type": "integer"},
                      "%s": {"type": "text"},
                      "%s": {"type": "keyword"},
                      "%s": {"type": "date"}
                    }
                  }
                }
                """.formatted(shards, replicas, ID, VERSION, STATE, CHUNKS, REASON, CONTENT_HASH, UPDATED_AT);
    }
}
