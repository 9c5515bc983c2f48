package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private static final TopicPartition P2 = new TopicPartition("t", 2);

    @Test
    void lagIsTheDistanceFromTheCommittedOffsetToTheEndAndFromTheBeginningWhereNothingWasCommitted() {
        Map<TopicPartition, Long> beginning = Map.of(P0, 0L, P1, 10L, P2, 0L);
        Map<TopicPartition, Long> end = Map.of(P0, 100L, P1, 30L, P2, 0L);

        assertEquals(40 + 20, ConsumerLag.lag(List.of(P0, P1, P2), Map.of(P0, 60L), beginning, end));
        assertEquals(0, ConsumerLag.lag(List.of(P0, P1), Map.of(P0, 100L, P1, 30L), beginning, end));
    }

    @Test
    void recordsRemovedBelowACommittedOffsetNeverMakeTheLagNegativeOrLarger() {
        // Retention removed offsets below 50 after the group committed 20: 30 records are left to read, not 80.
        assertEquals(30, ConsumerLag.lag(List.of(P0), Map.of(P0, 20L), Map.of(P0, 50L), Map.of(P0, 80L)));
        // A committed offset past the end (the topic was recreated): nothing to read.
        assertEquals(0, ConsumerLag.lag(List.of(P0), Map.of(P0, 90L), Map.of(P0, 0L), Map.of(P0, 10L)));
    }
}
