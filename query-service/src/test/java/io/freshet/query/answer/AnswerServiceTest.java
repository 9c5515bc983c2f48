package io.freshet.query.answer;

import io.freshet.contract.event.Acl;
import io.freshet.query.access.Caller;
import io.freshet.embedding.EmbeddingModel;
import io.freshet.query.retrieval.StubIndex;
import io.freshet.query.retrieval.Passage;
import io.freshet.query.retrieval.RankFusion;
import io.freshet.query.retrieval.Retrieval;
import io.freshet.query.retrieval.SearchService;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The core of /v1/answer without HTTP or OpenSearch: retrieval's question vector is the one the answerer uses. */
class AnswerServiceTest {

    private final AtomicInteger queriesEmbedded = new AtomicInteger();
    private final EmbeddingModel model = new EmbeddingModel() {
        @Override
        public String id() {
            return "counting";
        }

        @Override
        public int dimensions() {
            return 2;
        }

        @Override
        public int maxSequenceTokens() {
            return 512;
        }

        @Override
        public float[] embedQuery(String query) {
            queriesEmbedded.incrementAndGet();
            return new float[] {1, 0};
        }

        @Override
        public List<float[]> embedPassages(List<String> passages) {
            return passages.stream().map(p -> new float[] {p.contains("25 days") ? 1f : 0f, p.contains("25 days") ? 0f : 1f})
                    .toList();
        }
    };

    @Test
    void theQuestionIsEmbeddedOnceAndThatVectorReachesTheAnswerer() {
        var passage = new Passage("leave#0", "leave", "Leave policy", "https://intranet/leave",
                "This policy applies to all staff. Employees get 25 days of paid annual leave per year.", null, null,
                Acl.publicAcl());
        List<float[]> vectorsSeenByIndex = new ArrayList<>();
        var search = new SearchService(new StubIndex(List.of(passage), (text, vector, size, k, principals) -> {
            vectorsSeenByIndex.add(vector);
            return new Retrieval(StubIndex.ranked(3.0, passage), StubIndex.ranked(0.95, passage));
        }), model, RankFusion.convex(0.6), 50, 100);
        var policy = new AnswerPolicy(2, 0.35, 0.6, 0.4, 3, 0.6, 0.05, 0.5, 0.6, 400, 12, 0.6, 0.75);
        List<float[]> vectorsSeenBySimilarity = new ArrayList<>();
        ModelSentenceSimilarity meaning = new ModelSentenceSimilarity(model);
        var answers = new AnswerService(search, new ExtractiveAnswerer(policy, (question, vector, sentences) -> {
            vectorsSeenBySimilarity.add(vector);
            return meaning.of(question, vector, sentences);
        }));

        Answer answer = answers.answer("How many days of annual leave do employees get?", 5, Caller.anonymous()).answer();

        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer()).contains("25 days");
        assertThat(queriesEmbedded).as("one embedding of the question per answer").hasValue(1);
        assertThat(vectorsSeenBySimilarity).singleElement().isSameAs(vectorsSeenByIndex.get(0));
    }
}
