package io.freshet.query.access;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.query.retrieval.FusedHit;
import io.freshet.query.retrieval.Passage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
        return hits.stream().filter(hit -> mayRead(caller, hit.passage())).toList();
    }

    /**
     * The passages the caller may read, in order. Never expected to drop one (the engine filters first): when it
     * does, the ids are logged, never the text.
     */
    public static List<Passage> readablePassages(Caller caller, List<Passage> passages) {
        return passages.stream().filter(passage -> mayRead(caller, passage)).toList();
    }

    private static boolean mayRead(Caller caller, Passage passage) {
        if (caller.mayRead(passage.acl())) {
            return true;
        }
        log.error("dropped passage {} of document {}: the index returned it to a caller who may not read it",
                passage.chunkId(), passage.documentId());
        return false;
    }

    /**
     * The status of a document the caller may read, without its ACL; empty for a document they may not read, exactly
     * as for one that does not exist, so a status lookup cannot tell anyone that a document exists.
     */
    public static Optional<DocumentStatus> readable(Caller caller, Optional<DocumentStatus> status) {
        return status.filter(s -> caller.mayRead(s.acl())).map(DocumentStatus::withoutAcl);
    }
}
