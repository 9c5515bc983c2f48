package io.freshet.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the pipeline still has to do, from Kafka's point of view: for every consumer group, the records between its
 * committed offsets and the ends of its partitions; and how many records went to dead-letter topics.
 */
public final class PipelineBacklog implements AutoCloseable {

    private final Admin admin;

    public PipelineBacklog(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "freshet-bench-admin"));
    }

    /** Unconsumed records by consumer group (a group without commits yet counts from the partition start). */
    public Map<String, Long> lagByGroup() {
        try {
            Map<String, Long> lag = new TreeMap<>();
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                if (committed.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, Long> ends = endOffsets(committed.keySet());
                long behind = 0;
                for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                    long at = entry.getValue() == null ? 0 : entry.getValue().offset();
                    behind += Math.max(0, ends.getOrDefault(entry.getKey(), at) - at);
                }
                lag.put(group.groupId(), behind);
            }
            return lag;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read consumer lag: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * How a consumer group's partitions are shared right now.
     *
     * @param held         partitions held by the members whose client id starts with the prefix asked about
     * @param heldByOthers partitions held by the other members
     */
    public record Share(GroupState state, int members, int held, int heldByOthers) {

        /** The group is stable and both sides hold partitions. */
        public boolean splitBetweenBoth() {
            return state == GroupState.STABLE && held > 0 && heldByOthers > 0;
        }
    }

    /** The group's state and its partitions, split between members whose client id starts with {@code clientIdPrefix} and the others. */
    public Share share(String group, String clientIdPrefix) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            int held = 0;
            int others = 0;
            for (MemberDescription member : description.members()) {
                int partitions = member.assignment().topicPartitions().size();
                if (member.clientId().startsWith(clientIdPrefix)) {
                    held += partitions;
                } else {
                    others += partitions;
                }
            }
            return new Share(description.groupState(), description.members().size(), held, others);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot describe consumer group " + group + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long totalLag() {
        return lagByGroup().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records in each dead-letter topic ({@code *.dlq}) that has any. */
    public Map<String, Long> deadLettered() {
        try {
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(t -> t.endsWith(".dlq")).collect(Collectors.toSet());
            if (topics.isEmpty()) {
                return Map.of();
            }
            List<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS)
                    .values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .toList();
            Map<TopicPartition, Long> ends = endOffsets(Set.copyOf(partitions));
            Map<TopicPartition, Long> starts = offsets(Set.copyOf(partitions), OffsetSpec.earliest());
            Map<String, Long> counts = new TreeMap<>();
            for (TopicPartition partition : partitions) {
                long n = ends.getOrDefault(partition, 0L) - starts.getOrDefault(partition, 0L);
                if (n > 0) {
                    counts.merge(partition.topic(), n, Long::sum);
                }
            }
            return counts;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot count dead-lettered records: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        return offsets(partitions, OffsetSpec.latest());
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), p -> spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
