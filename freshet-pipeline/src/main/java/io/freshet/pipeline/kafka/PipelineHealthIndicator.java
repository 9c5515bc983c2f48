package io.freshet.pipeline.kafka;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline behind this service: for each upstream stage's consumer group, its consumers and the records waiting
 * for it. {@link #DEGRADED} when a stage that has run (its group has committed offsets) has no consumer left, or more
 * than {@code max-lag} records wait: the service still answers, but from data that is getting stale, and its health
 * says so (HTTP 200: no probe restarts it for another stage's trouble). A stage that never ran is not judged.
 */
public class PipelineHealthIndicator extends AbstractHealthIndicator {

    /** Serving, but the pipeline behind it is down or behind; ordered between DOWN and UP (pipeline-defaults.yml). */
    public static final Status DEGRADED = new Status("DEGRADED");

    private final KafkaHealthClient admin;
    private final PipelineHealthProperties properties;
    private final Clock clock;
    private volatile Health cached;
    private volatile Instant cachedAt = Instant.MIN;

    public PipelineHealthIndicator(KafkaHealthClient admin, PipelineHealthProperties properties, Clock clock) {
        super("Pipeline health check failed");
        this.admin = admin;
        this.properties = properties;
        this.clock = clock;
    }

    /** One stage as seen now: consumers in its group, records waiting, whether it ever committed. */
    record StageView(String group, int consumers, long lag, boolean started) {
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        Health health = cached;
        if (health == null || cachedAt.plus(properties.cacheFor()).isBefore(clock.instant())) {
            try {
                var stages = new java.util.ArrayList<StageView>();
                for (String group : properties.upstreamGroups()) {
                    stages.add(look(group));
                }
                health = judge(stages, properties.maxLag());
            } catch (Exception e) {
                // Kafka's own indicator (where the service needs Kafka) says DOWN; here it only means nobody can tell.
                health = Health.status(DEGRADED).withDetail("error", "cannot see the pipeline: " + e).build();
            }
            cached = health;
            cachedAt = clock.instant();
        }
        builder.status(health.getStatus()).withDetails(health.getDetails());
    }

    /** Pure: the status and details for what the stages look like. */
    static Health judge(List<StageView> stages, long maxLag) {
        boolean degraded = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (StageView stage : stages) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("consumers", stage.consumers());
            view.put("lag", stage.lag());
            if (!stage.started()) {
                view.put("state", "not started");
            } else if (stage.consumers() == 0) {
                view.put("state", "down: nobody consumes");
                degraded = true;
            } else if (stage.lag() > maxLag) {
                view.put("state", "behind: more than " + maxLag + " records wait");
                degraded = true;
            } else {
                view.put("state", "ok");
            }
            details.put(stage.group(), view);
        }
        return Health.status(degraded ? DEGRADED : Status.UP).withDetails(details).build();
    }

    private StageView look(String group) throws Exception {
        long wait = properties.timeout().toMillis();
        ConsumerGroupDescription description;
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            description = admin.get().describeConsumerGroups(List.of(group)).all().get(wait, TimeUnit.MILLISECONDS).get(group);
            committed = admin.get().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(wait, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return new StageView(group, 0, 0, false); // Kafka 4 says so for a group that never existed
            }
            throw e;
        }
        int consumers = description == null ? 0 : description.members().size();
        if (committed.isEmpty()) {
            return new StageView(group, consumers, 0, false);
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.get().listOffsets(latest).all()
                .get(wait, TimeUnit.MILLISECONDS);
        long lag = 0;
        for (var entry : committed.entrySet()) {
            if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
            }
        }
        return new StageView(group, consumers, lag, true);
    }
}
