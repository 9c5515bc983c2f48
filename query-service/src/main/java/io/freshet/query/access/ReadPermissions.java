package io.freshet.query.access;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.query.retrieval.FusedHit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The permission point every query path goes through: search in every mode, answers (and so their citations,
 * snippets, titles and urls), and document status. The index filters by the caller's principals inside the engine,
 * so k results are the k best the caller may read; this then checks every passage again against its own ACL before
 * it leaves the service, so a filter bug, a mapping change or a new path cannot leak a passage on its own.
 */
public final class ReadPermissions {

    private static final Logger log = LoggerFactory.getLogger(ReadPermissions.class);

    private ReadPermissions() {
    }

    /** The hits the caller may read, in order; a hit the engine let through that the caller may not read is dropped. */
    public static List<FusedHit> readable(Caller caller, List<FusedHit> hits) {
        List<FusedHit> readable = new ArrayList<>(hits.size());
        for (FusedHit hit : hits) {
            if (caller.mayRead(hit.passage().acl())) {
                readable.add(hit);
            } else {
                // Never expected: the engine filter and this check disagree. Log the ids, never the text.
                log.error("dropped passage {} of document {}: the index returned it to a caller who may not read it",
                        hit.passage().chunkId(), hit.passage().documentId());
            }
        }
        return readable;
    }

    /**
     * The status of a document the caller may read, without its ACL; empty for a document they may not read, exactly
     * as for one that does not exist, so a status lookup cannot tell anyone that a document exists.
     */
    public static Optional<DocumentStatus> readable(Caller caller, Optional<DocumentStatus> status) {
        return status.filter(s -> caller.mayRead(s.acl())).map(DocumentStatus::withoutAcl);
    }
}
