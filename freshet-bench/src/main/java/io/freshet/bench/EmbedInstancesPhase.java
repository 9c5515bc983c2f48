package io.freshet.bench;

import io.freshet.bench.BeirDataset.CorpusDocument;
import io.freshet.bench.IndexReader.StateCount;
import io.freshet.contract.event.DocumentChange;
import io.freshet.infra.ServiceStack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Throughput with one and with two instances of embed-service: the ingestion phase's corpus published again under
 * new ids and timed its way ({@link LoadClock}), once with the run's one embed-service and once with a second one in
 * its consumer group, each load deleted again afterwards. Both loads run here, one after the other, on services as
 * warm as each other. Embedding is most of a document's CPU, so this shows what another instance buys on this
 * machine: with as many cores as model threads, only as much as the first instance leaves them idle (its CPU
 * seconds per load are reported to tell).
 */
final class EmbedInstancesPhase {

    private static final StateCount NONE = new StateCount(0, 0, null);
    /** Tells the second instance's consumers apart from the first's at the broker. */
    private static final String SECOND_CLIENT_ID = ServiceStack.EMBED + "-2";

    private final BenchContext context;
    private final BenchEnvironment environment;
    private final ProcessMonitor monitor;

    EmbedInstancesPhase(BenchContext context, BenchEnvironment environment, ProcessMonitor monitor) {
        this.context = context;
        this.environment = environment;
        this.monitor = monitor;
    }

    /** One load with {@code instances} (1 or 2) embed-services; a second one is started for it and stopped after. */
    EmbedInstancesResult.Load measure(int instances) {
        if (instances == 1) {
            return load(1, List.of(ServiceStack.EMBED));
        }
        context.say("Starting a second embed-service in the consumer group ...");
        ServiceStack.Service second = environment.addInstance(ServiceStack.EMBED,
                List.of("--spring.kafka.consumer.client-id=" + SECOND_CLIENT_ID), monitor, context::say);
        try {
            awaitBothHoldPartitions();
            return load(2, List.of(ServiceStack.EMBED, second.instanceName()));
        } finally {
            environment.removeInstance(second);
        }
    }

    /** Until the group has rebalanced: both instances' consumers hold partitions of the extracted topic. */
    private void awaitBothHoldPartitions() {
        String group = context.embedSettings().get("freshet.embed.consumer-group", ServiceStack.EMBED);
        long deadline = System.nanoTime() + Duration.ofSeconds(context.options().stallSeconds()).toNanos();
        PipelineBacklog.Share share;
        while (!(share = context.backlog().share(group, SECOND_CLIENT_ID)).splitBetweenBoth()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the second embed-service did not get partitions of group " + group
                        + " within " + context.options().stallSeconds() + " s: " + share);
            }
            Threads.sleep(500);
        }
        context.say("  group " + group + " rebalanced: " + share);
    }

    private EmbedInstancesResult.Load load(int instances, List<String> embedProcesses) {
        List<CorpusDocument> corpus = context.data().corpus();
        String prefix = "bench-embed" + instances + "-";
        Map<String, Long> deadLetteredBefore = context.backlog().deadLettered();
        context.index().refresh();
        long chunksBefore = context.index().chunkCount();
        context.say("Publishing the " + corpus.size() + " documents again as " + prefix + "<id>, " + instances
                + " embed-service instance(s) ...");
        double cpuBefore = embedCpuSeconds(embedProcesses);
        long firstPublish = System.currentTimeMillis();
        for (CorpusDocument document : corpus) {
            context.publisher().publish(CorpusChanges.change(prefix + document.id(), document, 1, document.content()));
        }
        context.publisher().flush();
        Map<String, StateCount> states = LoadClock.awaitSettled(context, prefix, 0, corpus.size(), firstPublish);
        StateCount indexed = states.getOrDefault("INDEXED", NONE);
        long settled = indexed.documents() + states.getOrDefault("REJECTED", NONE).documents();
        if (settled < corpus.size() || indexed.lastUpdate() == null) {
            throw new IllegalStateException((corpus.size() - settled) + " of " + corpus.size() + " documents were not "
                    + "processed with " + instances + " embed-service instance(s)");
        }
        long lastWrite = indexed.lastUpdate().toEpochMilli();
        long searchableAt = LoadClock.awaitSearchable(context, chunksBefore + indexed.chunks(), lastWrite);
        double seconds = (Math.max(lastWrite, searchableAt) - firstPublish) / 1000.0;
        double cpu = embedCpuSeconds(embedProcesses) - cpuBefore;
        Map<String, Long> deadLettered = context.backlog().deadLettered();
        if (!deadLettered.equals(deadLetteredBefore)) {
            context.fail("records were dead-lettered with " + instances + " embed-service instance(s): " + deadLettered
                    + " (before: " + deadLetteredBefore + ")");
        }
        context.say(String.format("  %d indexed, %d chunks in %.1f s: %.2f documents/s, %.2f chunks/s; embed-service CPU %.1f s",
                indexed.documents(), indexed.chunks(), seconds, indexed.documents() / seconds, indexed.chunks() / seconds, cpu));
        deleteAgain(prefix, corpus);
        return new EmbedInstancesResult.Load(instances, indexed.documents(), indexed.chunks(), Report.round(seconds, 1),
                Report.round(indexed.documents() / seconds, 2), Report.round(indexed.chunks() / seconds, 2),
                Report.round(cpu, 1));
    }

    private double embedCpuSeconds(List<String> processes) {
        return processes.stream().mapToDouble(monitor::cpuSeconds).sum();
    }

    /** The load's documents deleted, so the next load (and anything after) sees as many live chunks as before. */
    private void deleteAgain(String prefix, List<CorpusDocument> corpus) {
        for (CorpusDocument document : corpus) {
            context.publisher().publish(DocumentChange.delete(prefix + document.id(), CorpusChanges.SOURCE, 2, Instant.now()));
        }
        context.publisher().flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(context.options().stallSeconds()).toNanos();
        while (context.index().statesByState(prefix).getOrDefault("DELETED", NONE).documents() < corpus.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the documents " + prefix + "* were not deleted within "
                        + context.options().stallSeconds() + " s");
            }
            Threads.sleep(250);
        }
    }
}
