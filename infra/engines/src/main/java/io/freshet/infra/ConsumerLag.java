package io.freshet.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * How many records each stage of the pipeline has yet to process: per consumer group, the sum over the partitions
 * of its topics of (end offset - committed offset). A partition the group never committed counts from its
 * beginning, as the services start there ({@code auto-offset-reset: earliest}).
 */
final class ConsumerLag {

    /** A stage: its consumer group (the service's {@code freshet.<stage>.consumer-group} default) and topics. */
    record Stage(String name, String group, List<String> topics) {
    }

    /** The groups and topics of the services' listeners (IngestProperties, EmbedProperties, IndexProperties). */
    static final List<Stage> STAGES = List.of(
            new Stage("ingest", "ingest-service", List.of("freshet.documents.changes", "freshet.documents.replay")),
            new Stage("embed", "embed-service", List.of("freshet.documents.extracted")),
            new Stage("index", "index-service", List.of("freshet.documents.embedded", "freshet.documents.status")));
    /** Another group on these topics (a rebuild's, see docs/operations.md) is shown too. */
    static final String PIPELINE_TOPICS = "freshet.documents.";

    /**
     * @param state   the group's state at the coordinator (Stable, Empty...; "none" when it never existed)
     * @param members how many consumers it has now
     */
    record Lag(Stage stage, long records, int members, String state) {
    }

    private ConsumerLag() {
    }

    /** Records not yet processed: the committed offset's distance to the end, from the beginning if none. */
    static long lag(Collection<TopicPartition> partitions, Map<TopicPartition, Long> committed,
                    Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> end) {
        long total = 0;
        for (TopicPartition partition : partitions) {
            long last = end.getOrDefault(partition, 0L);
            Long from = committed.get(partition);
            long start = from != null ? from : beginning.getOrDefault(partition, 0L);
            // Compaction or retention may remove records below a committed offset; never count below zero.
            total += Math.max(0, last - Math.max(start, beginning.getOrDefault(partition, 0L)));
        }
        return total;
    }

    /** The known stages, then any other group with offsets on the pipeline's topics. */
    static List<Lag> measure(Admin admin, Duration timeout) throws InterruptedException, ExecutionException,
            TimeoutException {
        List<Stage> stages = new ArrayList<>(STAGES);
        Set<String> known = STAGES.stream().map(Stage::group).collect(Collectors.toSet());
        Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
        for (GroupListing group : get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), timeout)) {
            if (known.contains(group.groupId())) {
                continue;
            }
            Map<TopicPartition, Long> offsets = committedOffsets(admin, group.groupId(), timeout);
            Set<String> topics = offsets.keySet().stream().map(TopicPartition::topic)
                    .filter(topic -> topic.startsWith(PIPELINE_TOPICS)).collect(Collectors.toCollection(java.util.TreeSet::new));
            if (!topics.isEmpty()) {
                stages.add(new Stage("other", group.groupId(), List.copyOf(topics)));
                committed.put(group.groupId(), offsets);
            }
        }
        for (Stage stage : STAGES) {
            committed.put(stage.group(), committedOffsets(admin, stage.group(), timeout));
        }

        Set<String> topics = stages.stream().flatMap(s -> s.topics().stream()).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, List<TopicPartition>> partitions = partitions(admin, topics, timeout);
        List<TopicPartition> all = partitions.values().stream().flatMap(List::stream).toList();
        Map<TopicPartition, Long> beginning = offsets(admin, all, OffsetSpec.earliest(), timeout);
        Map<TopicPartition, Long> end = offsets(admin, all, OffsetSpec.latest(), timeout);
        Map<String, ConsumerGroupDescription> groups = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<ConsumerGroupDescription>> group : admin.describeConsumerGroups(
                stages.stream().map(Stage::group).toList()).describedGroups().entrySet()) {
            try {
                groups.put(group.getKey(), get(group.getValue(), timeout));
            } catch (ExecutionException e) {
                // A group that never consumed (its service never ran) is not an error: it has no members.
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
            }
        }

        List<Lag> lags = new ArrayList<>();
        for (Stage stage : stages) {
            List<TopicPartition> ofStage = stage.topics().stream()
                    .flatMap(topic -> partitions.getOrDefault(topic, List.of()).stream()).toList();
            ConsumerGroupDescription group = groups.get(stage.group());
            lags.add(new Lag(stage, lag(ofStage, committed.get(stage.group()), beginning, end),
                    group == null ? 0 : group.members().size(),
                    group == null ? "none" : group.groupState().toString()));
        }
        return lags;
    }

    private static Map<TopicPartition, Long> committedOffsets(Admin admin, String group, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> found = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), timeout);
        found.forEach((partition, offset) -> {
            if (offset != null) {
                offsets.put(partition, offset.offset());
            }
        });
        return offsets;
    }

    /** The partitions of each topic that exists; a topic not created yet has none. */
    static Map<String, List<TopicPartition>> partitions(Admin admin, Collection<String> topics, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, List<TopicPartition>> partitions = new HashMap<>();
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics).topicNameValues();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : described.entrySet()) {
            try {
                partitions.put(topic.getKey(), get(topic.getValue(), timeout).partitions().stream()
                        .map(p -> new TopicPartition(topic.getKey(), p.partition())).toList());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return partitions;
    }

    static Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec,
                                             Duration timeout) throws InterruptedException, ExecutionException,
            TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, ListOffsetsResultInfo> found = get(admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).all(), timeout);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    static <T> T get(KafkaFuture<T> future, Duration timeout) throws InterruptedException, ExecutionException,
            TimeoutException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
