package io.freshet.query.opensearch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.freshet.contract.event.Acl;
import io.freshet.contract.index.ChunkIndex;
import io.freshet.query.retrieval.Passage;

import java.util.List;

/** The stored fields of a chunk that a search hit returns: {@link #FIELDS}, never the embedding. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChunkSource(
        @JsonProperty(ChunkIndex.CHUNK_ID) String chunkId,
        @JsonProperty(ChunkIndex.DOCUMENT_ID) String documentId,
        @JsonProperty(ChunkIndex.TITLE) String title,
        @JsonProperty(ChunkIndex.URL) String url,
        @JsonProperty(ChunkIndex.TEXT) String text,
        @JsonProperty(ChunkIndex.PAGE) Integer page,
        @JsonProperty(ChunkIndex.ORIGIN) String origin,
        @JsonProperty(ChunkIndex.ACL_PUBLIC) Boolean aclPublic,
        @JsonProperty(ChunkIndex.ACL_PRINCIPALS) List<String> aclPrincipals) {

    /** The _source fields to fetch: these and no more. */
    static final List<String> FIELDS = List.of(ChunkIndex.CHUNK_ID, ChunkIndex.DOCUMENT_ID, ChunkIndex.TITLE,
            ChunkIndex.URL, ChunkIndex.TEXT, ChunkIndex.PAGE, ChunkIndex.ORIGIN, ChunkIndex.ACL_PUBLIC,
            ChunkIndex.ACL_PRINCIPALS);

    Passage toPassage(String hitId) {
        Acl acl = aclPublic == null && aclPrincipals == null ? null : new Acl(Boolean.TRUE.equals(aclPublic), aclPrincipals);
        return new Passage(chunkId == null ? hitId : chunkId, documentId, title, url, text, page, origin, acl);
    }
}
