package io.freshet.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

/**
 * The peer phase's result: the peer's own figures, and its retrieval quality when it searched the evaluated queries.
 *
 * @param batchDocuments documents per {@code ingestor.ingest(...)} call
 * @param queries        queries it searched; absent when it did not search
 * @param ndcg10         document-level nDCG@10 of its vector search, scored as the quality phase scores Freshet's
 */
@JsonInclude(NON_NULL)
record PeerResult(
        String peer,
        int batchDocuments,
        @JsonUnwrapped PeerRun run,
        Integer queries,
        @JsonProperty("ndcg@10") Double ndcg10,
        @JsonProperty("recall@100") Double recall100) {
}
