package io.freshet.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The broker's view of the pipeline's consumer groups: who holds which partitions, what is left to consume, dead letters. */
final class ConsumerGroups implements AutoCloseable {

    /** One member of a group as the broker sees it: its client id and the partitions it holds. */
    record Member(String clientId, Set<TopicPartition> partitions) {
    }

    /** A group's state and members (a group the broker does not know: state DEAD or UNKNOWN, no members). */
    record Group(String id, GroupState state, List<Member> members) {

        boolean stable() {
            return state == GroupState.STABLE;
        }

        /** The partitions held by members whose client id starts with {@code prefix}. */
        Set<TopicPartition> heldBy(String prefix) {
            return members.stream().filter(m -> m.clientId().startsWith(prefix))
                    .flatMap(m -> m.partitions().stream()).collect(Collectors.toSet());
        }

        Set<TopicPartition> heldByOthersThan(String prefix) {
            return members.stream().filter(m -> !m.clientId().startsWith(prefix))
                    .flatMap(m -> m.partitions().stream()).collect(Collectors.toSet());
        }

        @Override
        public String toString() {
            return id + " " + state + " " + members.stream().map(m -> m.clientId() + "=" + m.partitions().size()
                    + " partitions").toList();
        }
    }

    private final Admin admin;

    ConsumerGroups(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "e2e-consumer-groups"));
    }

    Group describe(String groupId) {
        ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(groupId)).all()).get(groupId);
        List<Member> members = description.members().stream()
                .map((MemberDescription m) -> new Member(m.clientId(), Set.copyOf(m.assignment().topicPartitions())))
                .toList();
        return new Group(groupId, description.groupState(), members);
    }

    /** Every partition of the topics. */
    Set<TopicPartition> partitionsOf(Collection<String> topics) {
        return get(admin.describeTopics(topics).allTopicNames()).values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toSet());
    }

    /** Records of {@code topics} the group has not committed yet (a partition it never committed counts from 0). */
    long lag(String groupId, Collection<String> topics) {
        Set<TopicPartition> partitions = partitionsOf(topics);
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> ends = endOffsets(partitions);
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata at = committed.get(partition);
            lag += Math.max(0, ends.get(partition) - (at == null ? 0 : at.offset()));
        }
        return lag;
    }

    /**
     * The end offset of every dead-letter topic ({@code *.dlq}) the broker has, summed over its partitions: a topic
     * whose figure grows between two calls received dead letters in between.
     */
    Map<String, Long> deadLetterEnds() {
        Set<String> topics = get(admin.listTopics().names()).stream().filter(t -> t.endsWith(".dlq"))
                .collect(Collectors.toSet());
        Map<String, Long> ends = new TreeMap<>();
        if (!topics.isEmpty()) {
            endOffsets(partitionsOf(topics)).forEach((partition, end) -> ends.merge(partition.topic(), end, Long::sum));
        }
        return ends;
    }

    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) {
        return get(admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(),
                p -> OffsetSpec.latest()))).all()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka admin call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
