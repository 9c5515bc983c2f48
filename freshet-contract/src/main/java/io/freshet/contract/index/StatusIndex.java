package io.freshet.contract.index;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of the document status index and its codec: one OpenSearch document per source document, id =
 * document id, holding a {@link DocumentStatus}. It records the last version applied (the guard against
 * out-of-order events), how many chunks that version has (so a shrinking document's surplus chunks can be
 * deleted by id), the hash of their text, and why a document is not searchable.
 */
public final class StatusIndex {

    public static final String ID = "id";
    public static final String VERSION = "version";
    public static final String STATE = "state";
    public static final String CHUNKS = "chunks";
    public static final String REASON = "reason";
    public static final String CONTENT_HASH = "content_hash";
    public static final String UPDATED_AT = "updated_at";
    public static final String SOURCE = "source";
    public static final String ACL_PUBLIC = "acl_public";
    public static final String ACL_PRINCIPALS = "acl_principals";

    /**
     * Every reader of a record gets it by id, in real time (query-service's status lookup, the intake's version
     * check, index-service's plans); only searches over the index (an operator's counts) wait for a refresh. Each
     * refresh cuts a segment to be merged again later, so once every five seconds is plenty.
     */
    public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(5);

    private StatusIndex() {
    }

    public static String indexBody(int shards, int replicas) {
        return """
                {
                  "settings": {"index": {"number_of_shards": %d, "number_of_replicas": %d, "refresh_interval": "%dms"}},
                  "mappings": {
                    "dynamic": "strict",
                    "properties": {
                      "%s": {"type": "keyword"},
                      "%s": {"type": "long"},
                      "%s": {"type": "keyword"},
                      "%s": {"type": "integer"},
                      "%s": {"type": "text"},
                      "%s": {"type": "keyword"},
                      "%s": {"type": "date"},
                      %s
                    }
                  }
                }
                """.formatted(shards, replicas, REFRESH_INTERVAL.toMillis(), ID, VERSION, STATE, CHUNKS, REASON, CONTENT_HASH, UPDATED_AT,
                accessFields());
    }

    /**
     * The fields a status record gained with per-document access (source, ACL), as a put-mapping body: an index
     * created by an earlier release gets them added at start-up (adding fields to a strict mapping is allowed).
     */
    public static String accessMappingBody() {
        return "{\"properties\": {" + accessFields() + "}}";
    }

    private static String accessFields() {
        return """
                "%s": {"type": "keyword"}, "%s": {"type": "boolean"}, "%s": {"type": "keyword"}"""
                .formatted(SOURCE, ACL_PUBLIC, ACL_PRINCIPALS);
    }

    /** The record as the status index stores it. */
    public static Map<String, Object> toSource(DocumentStatus status) {
        var source = new LinkedHashMap<String, Object>();
        source.put(ID, status.id());
        source.put(VERSION, status.version());
        source.put(STATE, status.state().name());
        source.put(CHUNKS, status.chunks());
        if (status.reason() != null) {
            source.put(REASON, status.reason());
        }
        if (status.contentHash() != null) {
            source.put(CONTENT_HASH, status.contentHash());
        }
        source.put(UPDATED_AT, status.updatedAt().toString());
        if (status.source() != null) {
            source.put(SOURCE, status.source());
        }
        if (status.acl() != null) {
            source.put(ACL_PUBLIC, status.acl().isPublic());
            source.put(ACL_PRINCIPALS, status.acl().principals());
        }
        return source;
    }

    /**
     * Reads a stored record. A state this version does not know (written by a newer release, or damaged) reads as
     * PENDING: "not settled", which makes the writer re-check the chunk index instead of trusting the record.
     */
    public static DocumentStatus fromSource(Map<String, ?> source) {
        DocumentState state;
        try {
            state = DocumentState.valueOf(String.valueOf(source.get(STATE)));
        } catch (IllegalArgumentException e) {
            state = DocumentState.PENDING;
        }
        Object updated = source.get(UPDATED_AT);
        return new DocumentStatus(
                String.valueOf(source.get(ID)),
                number(source.get(VERSION)),
                state,
                (int) number(source.get(CHUNKS)),
                (String) source.get(REASON),
                (String) source.get(CONTENT_HASH),
                updated == null ? Instant.EPOCH : Instant.parse(String.valueOf(updated)),
                (String) source.get(SOURCE),
                acl(source));
    }

    /** No ACL fields: a record from before statuses carried them, readable by nobody (null). */
    private static Acl acl(Map<String, ?> source) {
        Object isPublic = source.get(ACL_PUBLIC);
        Object principals = source.get(ACL_PRINCIPALS);
        if (isPublic == null && principals == null) {
            return null;
        }
        List<String> names = principals instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : principals == null ? List.of() : List.of(String.valueOf(principals));
        return new Acl(Boolean.parseBoolean(String.valueOf(isPublic)), names);
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return value == null ? 0 : Long.parseLong(String.valueOf(value));
    }
}
