package io.freshet.query.retrieval;

import java.util.List;
import java.util.Set;

/** A {@link PassageIndex} written as a lambda of its search, for tests that never read a document's passages. */
@FunctionalInterface
public interface SearchOnlyIndex extends PassageIndex {

    @Override
    default List<Passage> passagesOf(String documentId, int limit, Set<String> principals) {
        throw new UnsupportedOperationException("this test index only searches");
    }
}
