package io.freshet.index.model;

import io.freshet.contract.event.Topics;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether everything a reindex replayed has gone through every stage, by offsets, whatever else flows meanwhile: once
 * the copy is done, ingest must have committed past the replay topic's end; once it has, embed past the extracted
 * topic's end at that moment; then index-service past the embedded and status topics' ends at the moment embed was.
 * Counting documents alone cannot tell: a replayed document that is later deleted counts while it passes.
 */
public final class ReplayWatermarks {

    /** Where the replayed records are. */
    enum Stage { COPYING, INGEST, EMBED, INDEX, DONE }

    private static final long TIMEOUT_SECONDS = 5;

    private final AdminClient admin;
    private final String ingestGroup;
    private final String embedGroup;
    private final String indexGroup;
    private Stage stage = Stage.COPYING;
    private Map<TopicPartition, Long> marks = Map.of();

    public ReplayWatermarks(AdminClient admin, String ingestGroup, String embedGroup, String indexGroup) {
        this.admin = admin;
        this.ingestGroup = ingestGroup;
        this.embedGroup = embedGroup;
        this.indexGroup = indexGroup;
    }

    /** Moves on as far as the stages' committed offsets allow; {@code copyDone}: the replay topic is complete. */
    synchronized Stage advance(boolean copyDone) throws Exception {
        while (true) {
            Stage before = stage;
            switch (stage) {
                case COPYING -> {
                    if (copyDone) {
                        marks = ends(List.of(Topics.REPLAY));
                        stage = Stage.INGEST;
                    }
                }
                case INGEST -> {
                    if (past(ingestGroup, marks)) {
                        marks = ends(List.of(Topics.EXTRACTED));
                        stage = Stage.EMBED;
                    }
                }
                case EMBED -> {
                    if (past(embedGroup, marks)) {
                        marks = ends(List.of(Topics.EMBEDDED, Topics.STATUS));
                        stage = Stage.INDEX;
                    }
                }
                case INDEX -> {
                    if (past(indexGroup, marks)) {
                        stage = Stage.DONE;
                    }
                }
                case DONE -> {
                    return stage;
                }
            }
            if (stage == before) {
                return stage;
            }
        }
    }

    private Map<TopicPartition, Long> ends(List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((name, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** True when {@code group} has committed at least {@code marks} on every partition (an empty one needs no commit). */
    private boolean past(String group, Map<TopicPartition, Long> marks) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (var mark : marks.entrySet()) {
            OffsetAndMetadata at = committed.get(mark.getKey());
            if ((at == null ? 0 : at.offset()) < mark.getValue()) {
                return false;
            }
        }
        return true;
    }
}
