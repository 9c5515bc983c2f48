package io.freshet.query.opensearch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.freshet.contract.index.ChunkIndex;
import io.freshet.query.retrieval.Passage;

/** The stored fields of a chunk that a search hit returns (the embedding is left out of _source). */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChunkSource(
        @JsonProperty(ChunkIndex.CHUNK_ID) String chunkId,
        @JsonProperty(ChunkIndex.DOCUMENT_ID) String documentId,
        @JsonProperty(ChunkIndex.TITLE) String title,
        @JsonProperty(ChunkIndex.URL) String url,
        @JsonProperty(ChunkIndex.TEXT) String text,
        @JsonProperty(ChunkIndex.PAGE) Integer page,
        @JsonProperty(ChunkIndex.ORIGIN) String origin) {

    Passage toPassage(String hitId) {
        return new Passage(chunkId == null ? hitId : chunkId, documentId, title, url, text, page, origin);
    }
}
