package io.freshet.bench;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The soak's pure parts: bucketing, the lost/duplicate verification and the lag judgement. */
class SoakTest {

    @Test
    void eventsAreCountedInTheBucketTheyHappenedInIncludingLateAcknowledgements() {
        SoakTimeline timeline = new SoakTimeline(60);
        timeline.published(0, true);
        timeline.published(59_999, true);
        timeline.published(60_000, false);
        timeline.queried(61_000, true, 30);
        timeline.queried(62_000, true, 50);
        timeline.queried(119_000, false, 0);
        timeline.lag(10_000, 4);
        timeline.lag(20_000, 9);
        timeline.lag(30_000, -1); // Kafka could not tell: ignored
        timeline.published(1_000, true); // acknowledged after later events, counted where it was sent
        timeline.freshness(1, new HistogramSummary(7, 500.0, 400.0, 900.0, 990.0, Map.of()));

        List<SoakResult.Bucket> rows = timeline.buckets(150_000);
        assertThat(rows).hasSize(3);
        SoakResult.Bucket first = rows.get(0);
        assertThat(first.published()).isEqualTo(3);
        assertThat(first.maxLag()).isEqualTo(9);
        assertThat(first.queries()).isZero();
        assertThat(first.freshnessP50Ms()).isNull();
        SoakResult.Bucket second = rows.get(1);
        assertThat(second.published()).isZero();
        assertThat(second.publishFailures()).isEqualTo(1);
        assertThat(second.queries()).isEqualTo(3);
        assertThat(second.queryErrors()).isEqualTo(1);
        assertThat(second.queryP50Ms()).isEqualTo(30.0);
        assertThat(second.queryP99Ms()).isEqualTo(50.0);
        assertThat(second.maxLag()).isNull();
        assertThat(second.freshnessP99Ms()).isEqualTo(990.0);
        assertThat(rows.get(2).fromS()).isEqualTo(120.0);
        assertThat(rows.get(2).toS()).isEqualTo(150.0); // the last bucket is partial
    }

    @Test
    void aDocumentAtItsLastVersionWithExactlyItsChunksVerifies() {
        SoakResult.Verification v = SoakVerification.verify(Map.of("a", 3L, "b", 5L),
                Map.of("a", new SoakVerification.Status(3, "INDEXED", 2), "b", new SoakVerification.Status(5, "INDEXED", 1)),
                List.of(chunk("a", 0, 3), chunk("a", 1, 3), chunk("b", 0, 5)));
        assertThat(v.verified()).isEqualTo(2);
        assertThat(v.lost()).isZero();
        assertThat(v.duplicated()).isZero();
    }

    @Test
    void anOlderVersionAMissingRecordOrAFailedStateIsLost() {
        SoakResult.Verification v = SoakVerification.verify(Map.of("a", 3L, "b", 5L, "c", 2L, "d", 1L),
                Map.of("a", new SoakVerification.Status(2, "INDEXED", 1),
                        "c", new SoakVerification.Status(2, "REJECTED", 0),
                        "d", new SoakVerification.Status(1, "INDEXED", 1)),
                List.of(chunk("a", 0, 2), chunk("d", 0, 1)));
        assertThat(v.lost()).isEqualTo(3);
        assertThat(v.verified()).isEqualTo(1);
        assertThat(v.lostExamples()).anyMatch(s -> s.startsWith("a: status at v2, last published v3"))
                .anyMatch(s -> s.startsWith("b: no status record"))
                .anyMatch(s -> s.contains("REJECTED"));
    }

    @Test
    void staleChunksOfAnOlderVersionOrAMissingChunkAreDuplicatesOrGaps() {
        SoakResult.Verification v = SoakVerification.verify(Map.of("a", 4L, "b", 2L, "c", 7L),
                Map.of("a", new SoakVerification.Status(4, "INDEXED", 1),
                        "b", new SoakVerification.Status(2, "INDEXED", 3),
                        "c", new SoakVerification.Status(7, "INDEXED", 1)),
                List.of(chunk("a", 0, 4), chunk("a", 1, 3), // a shrank from 2 chunks to 1; its old chunk 1 stayed
                        chunk("b", 0, 2), chunk("b", 1, 2), // b lacks its chunk 2
                        chunk("c", 0, 7)));
        assertThat(v.duplicated()).isEqualTo(2);
        assertThat(v.staleChunks()).isEqualTo(1);
        assertThat(v.verified()).isEqualTo(1);
        assertThat(v.duplicatedExamples()).anyMatch(s -> s.startsWith("a v4: 1 chunks of that version (status counts 1), 1 of other"));
    }

    @Test
    void lagIsGrowingOnlyWhenTheLastBucketIsAboveTheAllowanceAndTheHighest() {
        // 5 updates/s: allowance 50 records.
        assertThat(LagTrend.judge(list(12L, 30L, 18L, 25L), 5).growing()).isFalse();
        SoakResult.Lag climbing = LagTrend.judge(list(10L, 40L, 90L, 160L), 5);
        assertThat(climbing.allowance()).isEqualTo(50);
        assertThat(climbing.growing()).isTrue();
        assertThat(climbing.max()).isEqualTo(160);
        SoakResult.Lag recovering = LagTrend.judge(list(10L, 200L, 120L), 5);
        assertThat(recovering.growing()).isFalse();
        assertThat(recovering.judgement()).contains("recovering");
        // A slow rate still tolerates the commit-interval noise.
        assertThat(LagTrend.judge(list(3L, 8L, 15L), 0.5).growing()).isFalse();
        assertThat(LagTrend.judge(list(null, null), 5).lastBucketMax()).isNull();
        assertThat(LagTrend.judge(list(10L, null, 60L), 5).growing()).isTrue();
    }

    private static List<Long> list(Long... values) {
        return Arrays.asList(values);
    }

    private static SoakVerification.Chunk chunk(String id, int number, long version) {
        return new SoakVerification.Chunk(id, number, version);
    }
}
