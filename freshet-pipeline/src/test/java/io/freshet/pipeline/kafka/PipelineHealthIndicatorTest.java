package io.freshet.pipeline.kafka;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineHealthIndicatorTest {

    @Test
    void aStageThatRanAndHasNoConsumerLeftDegradesTheServiceAndSaysWhich() {
        Health health = PipelineHealthIndicator.judge(List.of(
                new PipelineHealthIndicator.StageView("ingest-service", 1, 0, true),
                new PipelineHealthIndicator.StageView("index-service", 0, 12, true)), 1000);

        assertThat(health.getStatus()).isEqualTo(PipelineHealthIndicator.DEGRADED);
        assertThat(health.getDetails().get("index-service")).isEqualTo(
                Map.of("consumers", 0, "lag", 12L, "state", "down: nobody consumes"));
        assertThat(health.getDetails().get("ingest-service")).asString().contains("state=ok");
    }

    @Test
    void aStageFurtherBehindThanTheLimitDegradesTheServiceOneWithinItDoesNot() {
        var behind = new PipelineHealthIndicator.StageView("embed-service", 2, 1001, true);
        var within = new PipelineHealthIndicator.StageView("embed-service", 2, 1000, true);

        assertThat(PipelineHealthIndicator.judge(List.of(behind), 1000).getStatus()).isEqualTo(PipelineHealthIndicator.DEGRADED);
        assertThat(PipelineHealthIndicator.judge(List.of(behind), 1000).getDetails().get("embed-service")).asString()
                .contains("behind: more than 1000 records wait");
        assertThat(PipelineHealthIndicator.judge(List.of(within), 1000).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aStageThatNeverRanIsNotJudged() {
        Health health = PipelineHealthIndicator.judge(List.of(
                new PipelineHealthIndicator.StageView("index-service", 0, 0, false)), 1000);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("index-service")).asString().contains("not started");
    }
}
