package io.freshet.query.retrieval;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class QueryVectorsTest {

    private final CountingModel model = new CountingModel();

    @Test
    void aQuestionAskedAgainIsNotEmbeddedAgainEvenWithOtherWhitespace() {
        var vectors = new QueryVectors(model, 100, Duration.ofMinutes(5));

        float[] first = vectors.of("how many days of leave");
        float[] again = vectors.of("  how many\tdays of  leave\n");
        float[] other = vectors.of("how many weeks of leave");

        assertThat(model.queriesEmbedded).as("two distinct questions").hasValue(2);
        assertThat(again).containsExactly(first).isNotSameAs(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void aCachedVectorCannotBeChangedByWhoeverReceivedIt() {
        var vectors = new QueryVectors(model, 100, Duration.ofMinutes(5));

        vectors.of("leave")[0] = 42;

        assertThat(vectors.of("leave")[0]).isEqualTo(5);
    }

    @Test
    void theCacheIsBoundedAndCanBeSwitchedOff() {
        var bounded = new QueryVectors(model, 2, Duration.ofMinutes(5));
        for (int i = 0; i < 50; i++) {
            bounded.of("question " + i);
        }
        bounded.cleanUp();
        assertThat(bounded.size()).isLessThanOrEqualTo(2);

        model.queriesEmbedded.set(0);
        var off = new QueryVectors(model, 0, Duration.ZERO);
        off.of("leave");
        off.of("leave");
        assertThat(model.queriesEmbedded).hasValue(2);
    }

    @Test
    void anEntryExpiresAfterItsTimeToLive() throws Exception {
        var vectors = new QueryVectors(model, 100, Duration.ofMillis(50));
        vectors.of("leave");
        Thread.sleep(120);
        vectors.of("leave");

        assertThat(model.queriesEmbedded).hasValue(2);
    }
}
