package io.freshet.query.access;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.embedding.EmbeddingModel;
import io.freshet.query.retrieval.StubIndex;
import io.freshet.query.retrieval.Passage;
import io.freshet.query.retrieval.PassageIndex;
import io.freshet.query.retrieval.RankFusion;
import io.freshet.query.retrieval.Retrieval;
import io.freshet.query.retrieval.SearchMode;
import io.freshet.query.retrieval.SearchService;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The permission point on its own: who holds which principals, and what leaves the service. */
class ReadPermissionsTest {

    private static final Passage PUBLIC = passage("handbook", Acl.publicAcl());
    private static final Passage HR = passage("salaries", Acl.restrictedTo("group:hr"));
    private static final Passage ORGANISATION = passage("intranet", Acl.restrictedTo(Acl.EVERYONE_IN_ORGANISATION));
    private static final Passage NO_ACL = passage("legacy", null);

    private static final EmbeddingModel MODEL = new EmbeddingModel() {
        @Override
        public String id() {
            return "fixed";
        }

        @Override
        public int maxSequenceTokens() {
            return 512;
        }

        @Override
        public int dimensions() {
            return 2;
        }

        @Override
        public float[] embedQuery(String query) {
            return new float[] {1, 0};
        }

        @Override
        public List<float[]> embedPassages(List<String> passages) {
            return passages.stream().map(p -> new float[] {1, 0}).toList();
        }
    };

    @Test
    void aTokensUserAndGroupsBecomeAclPrincipalsAndAnyAuthenticatedCallerIsInTheOrganisation() {
        Caller alice = Caller.authenticated("alice", List.of("hr", " finance ", ""));

        assertThat(alice.principals()).containsExactlyInAnyOrder("alice", "group:hr", "group:finance",
                Acl.EVERYONE_IN_ORGANISATION);
        assertThat(Caller.anonymous().principals()).isEmpty();
        assertThat(Caller.anonymous().mayRead(Acl.restrictedTo(Acl.EVERYONE_IN_ORGANISATION))).isFalse();
        assertThat(Caller.anonymous().mayRead(Acl.publicAcl())).isTrue();
        assertThat(alice.mayRead(null)).as("no ACL: nobody").isFalse();
        assertThat(alice.mayRead(new Acl(false, List.of()))).isFalse();
        assertThatThrownBy(() -> Caller.authenticated("group:hr", List.of())).as("a user named like a group")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDocumentsPassagesAreOnlyThoseTheCallerMayRead() {
        // An index whose filter is broken: it returns every passage asked for to everyone.
        PassageIndex broken = new PassageIndex() {
            @Override
            public Retrieval search(String text, float[] vector, int size, int k, Set<String> principals) {
                return new Retrieval(List.of(), List.of());
            }

            @Override
            public List<Passage> passages(List<String> chunkIds, Set<String> principals) {
                return List.of();
            }

            @Override
            public List<Passage> passagesOf(String documentId, int limit, Set<String> principals) {
                return List.of(PUBLIC, HR, ORGANISATION, NO_ACL);
            }
        };
        var search = new SearchService(broken, MODEL, RankFusion.convex(0.6), 50, 100);

        assertThat(search.passagesOf("any", 10, Caller.anonymous())).extracting(Passage::documentId)
                .containsExactly("handbook");
        assertThat(search.passagesOf("any", 10, Caller.authenticated("ann", List.of("hr")))).extracting(Passage::documentId)
                .containsExactly("handbook", "salaries", "intranet");
    }

    @Test
    void aPassageTheIndexShouldNotHaveReturnedNeverLeavesTheService() {
        // An index whose filter is broken: it returns everything to everyone.
        List<Set<String>> principalsSeen = new ArrayList<>();
        List<Passage> all = List.of(PUBLIC, HR, ORGANISATION, NO_ACL);
        var search = new SearchService(new StubIndex(all, (text, vector, size, k, principals) -> {
            principalsSeen.add(principals);
            var ranked = StubIndex.ranked(4, PUBLIC, HR, ORGANISATION, NO_ACL);
            return new Retrieval(text == null ? List.of() : ranked, vector == null ? List.of() : ranked);
        }), MODEL, RankFusion.convex(0.6), 50, 100);

        for (SearchMode mode : SearchMode.values()) {
            assertThat(ids(search.search("q", 10, mode, Caller.anonymous()).hits())).as(mode + " anonymous")
                    .containsExactly("handbook");
            assertThat(ids(search.search("q", 10, mode, Caller.authenticated("bob", List.of("sales"))).hits()))
                    .as(mode + " organisation").containsExactlyInAnyOrder("handbook", "intranet");
            assertThat(ids(search.search("q", 10, mode, Caller.authenticated("ann", List.of("hr"))).hits()))
                    .as(mode + " hr").containsExactlyInAnyOrder("handbook", "salaries", "intranet");
        }
        assertThat(principalsSeen).as("the engine is asked with the caller's principals")
                .contains(Set.of(), Set.of("ann", "group:hr", Acl.EVERYONE_IN_ORGANISATION));
    }

    @Test
    void aStatusIsShownOnlyToItsReadersAndWithoutItsAcl() {
        var status = new DocumentStatus("salaries", 3, DocumentState.INDEXED, 2, null, "h", Instant.EPOCH, "cms",
                Acl.restrictedTo("group:hr"));

        assertThat(ReadPermissions.readable(Caller.authenticated("ann", List.of("hr")), Optional.of(status)))
                .hasValueSatisfying(s -> assertThat(s.acl()).isNull());
        assertThat(ReadPermissions.readable(Caller.authenticated("bob", List.of("sales")), Optional.of(status))).isEmpty();
        assertThat(ReadPermissions.readable(Caller.authenticated("ann", List.of("hr")),
                Optional.of(new DocumentStatus("old", 1, DocumentState.INDEXED, 1, null, null, Instant.EPOCH)))).isEmpty();
    }

    private static Passage passage(String documentId, Acl acl) {
        return new Passage(documentId + "#0", documentId, "Title " + documentId, "https://x/" + documentId, "text",
                null, null, acl);
    }

    private static List<String> ids(List<io.freshet.query.retrieval.FusedHit> hits) {
        return hits.stream().map(h -> h.passage().documentId()).toList();
    }
}
