package io.freshet.query.retrieval;

import io.freshet.contract.event.Acl;
import io.freshet.query.access.Caller;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The retrieval core without OpenSearch: deep ranked lists of ids, passages read for the fused top K only. */
class SearchServiceTest {

    private final CountingModel model = new CountingModel();
    private final List<Passage> passages = IntStream.range(0, 60)
            .mapToObj(i -> new Passage("c" + i + "#0", "c" + i, "Title " + i, null, "text " + i, null, null, Acl.publicAcl()))
            .toList();
    private final List<Integer> depthsAsked = new ArrayList<>();
    private final StubIndex index = new StubIndex(passages, (text, vector, size, k, principals) -> {
        depthsAsked.add(size);
        Passage[] all = passages.toArray(Passage[]::new);
        return new Retrieval(text == null ? List.of() : StubIndex.ranked(100, all),
                vector == null ? List.of() : StubIndex.ranked(1, all));
    });

    @Test
    void hybridRanksDeepListsButReadsThePassagesOfTheTopKOnly() {
        var search = new SearchService(index, model, RankFusion.convex(0.6), 50, 100);

        SearchResult result = search.search("q", 5, SearchMode.HYBRID, Caller.anonymous());

        assertThat(depthsAsked).containsExactly(50);
        assertThat(index.fetched()).singleElement().isEqualTo(List.of("c0#0", "c1#0", "c2#0", "c3#0", "c4#0"));
        assertThat(result.hits()).extracting(h -> h.passage().text()).containsExactly("text 0", "text 1", "text 2",
                "text 3", "text 4");
        assertThat(result.hits().get(0).lexicalScore()).isEqualTo(100.0);
        assertThat(result.hits().get(0).vectorScore()).isEqualTo(1.0);
    }

    @Test
    void aChunkWhosePassageDoesNotComeBackIsLeftOutAndTheOrderKept() {
        var gone = new StubIndex(passages.subList(1, 60), (text, vector, size, k, principals) -> new Retrieval(
                StubIndex.ranked(10, passages.get(2), passages.get(0), passages.get(1)), List.of()));
        var search = new SearchService(gone, model, RankFusion.convex(0.6), 50, 100);

        assertThat(search.search("q", 3, SearchMode.LEXICAL, Caller.anonymous()).hits())
                .extracting(h -> h.passage().chunkId()).containsExactly("c2#0", "c1#0");
    }

    @Test
    void nothingRankedReadsNothing() {
        var empty = new StubIndex(passages, (text, vector, size, k, principals) -> new Retrieval(List.of(), List.of()));

        assertThat(new SearchService(empty, model, RankFusion.convex(0.6), 50, 100)
                .search("q", 3, SearchMode.HYBRID, Caller.anonymous()).hits()).isEmpty();
        assertThat(empty.fetched()).isEmpty();
    }

    @Test
    void aRepeatedQuestionIsEmbeddedOnceWhoeverAsksAndALexicalSearchNotAtAll() {
        var search = new SearchService(index, new QueryVectors(model, 100, Duration.ofMinutes(5)), RankFusion.convex(0.6),
                50, 100);

        search.search("annual leave", 5, SearchMode.HYBRID, Caller.anonymous());
        search.search("annual leave", 5, SearchMode.VECTOR, Caller.authenticated("ann", List.of("hr")));
        search.search("annual leave", 5, SearchMode.LEXICAL, Caller.anonymous());

        assertThat(model.queriesEmbedded).hasValue(1);
    }
}
