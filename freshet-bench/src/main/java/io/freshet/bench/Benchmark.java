package io.freshet.bench;

import io.freshet.infra.ServiceStack;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One benchmark run: loads the data, starts the pipeline in a {@link BenchEnvironment}, runs the selected phases in
 * order (each a class of its own returning its figures), and writes the {@link BenchReport} as report.json and
 * report.md. A phase that throws is a failure of the run; the phases after it still run.
 */
final class Benchmark {

    private final BenchOptions options;
    private final Consumer<String> say;
    /** The pipeline checks that failed, from every phase in the order found (the report's "failures"). */
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    // What the run found out, for the report; set as the run gets that far.
    private ProcessMonitor monitor;
    private Integer evaluatedQueries;
    private Double startupSeconds;
    private BenchReport.PhaseResults phases = BenchReport.PhaseResults.NONE;
    private BenchReport.Resources resources;

    Benchmark(BenchOptions options, Consumer<String> say) {
        this.options = options;
        this.say = say;
    }

    /** Runs the benchmark and writes its report, whatever failed; the report's failures decide the exit code. */
    Report run() {
        long started = System.nanoTime();
        RunInfo run = RunInfo.atStart(options, Instant.now());
        say.accept("Freshet benchmark" + (options.smoke() ? " (smoke)" : "") + " — results in " + options.out());
        say.accept("Machine: " + run.machine().cores() + " cores, load average " + run.machine().loadAverageStart());
        monitor = new ProcessMonitor();
        monitor.watch("bench", ProcessHandle.current().pid());
        try {
            Files.createDirectories(options.out());
            BeirDataset data = BeirDataset.load(options.corpus(), options.queries(), options.qrels());
            if (data.corpus().size() > options.maxDocuments() || data.queries().size() > options.maxQueries()) {
                data = data.subset(options.maxDocuments(), options.maxQueries());
            }
            evaluatedQueries = data.queries().size();
            say.accept("Data: " + data.corpus().size() + " documents, " + data.queries().size() + " queries with judgments");
            runOnPipeline(data);
        } catch (RuntimeException | IOException e) {
            failures.add("the benchmark could not run: " + e);
            e.printStackTrace();
        } finally {
            monitor.close();
        }
        RunInfo finished = run.finished(evaluatedQueries, startupSeconds, Report.round((System.nanoTime() - started) / 1e9, 0));
        Report report = new Report(BenchReport.of(finished, phases, resources, failures));
        report.write(options.out());
        return report;
    }

    /** Engines and services up, the phases, the services down again. */
    private void runOnPipeline(BeirDataset data) {
        monitor.phase("startup");
        long started = System.nanoTime();
        BenchEnvironment environment = BenchEnvironment.prepare(options.repo());
        try {
            ServiceSettings embedSettings = settingsOf(environment, ServiceStack.EMBED);
            ServiceSettings querySettings = settingsOf(environment, ServiceStack.QUERY);
            ServiceSettings indexSettings = settingsOf(environment, ServiceStack.INDEX);
            environment.start(options, options.out().resolve("logs"), monitor, say);
            startupSeconds = Report.round((System.nanoTime() - started) / 1e9, 1);
            try (EventPublisher publisher = new EventPublisher(environment.kafkaBootstrapServers(), 256);
                 PipelineBacklog backlog = new PipelineBacklog(environment.kafkaBootstrapServers());
                 BenchModel model = new BenchModel(embedSettings, querySettings)) {
                IndexReader index = new IndexReader(environment.openSearchUrl(),
                        indexSettings.get("freshet.opensearch.chunk-index", "freshet-chunks"),
                        indexSettings.get("freshet.opensearch.status-index", "freshet-documents"));
                ServiceClient services = new ServiceClient(environment.url(ServiceStack.QUERY),
                        environment.managementUrl(ServiceStack.INDEX), environment.userToken(), say);
                phases = runPhases(environment, new BenchContext(options, data, say, failures, publisher, backlog, index,
                        services, embedSettings, querySettings, model, new CorpusChunks(index)));
                monitor.phase(null);

                List<String> exited = environment.exited();
                if (!exited.isEmpty()) {
                    failures.add("processes exited during the run: " + exited + " (see " + options.out().resolve("logs") + ")");
                }
                resources = new BenchReport.Resources(monitor.peakRssMib(), monitor.cpuSecondsByPhase(), monitor.wallSecondsByPhase());
            }
        } finally {
            say.accept("Stopping the services and engines ...");
            environment.close();
        }
    }

    /** The phases in order; without an ingestion rate there is nothing to measure the later ones against. */
    private BenchReport.PhaseResults runPhases(BenchEnvironment environment, BenchContext context) {
        CorpusChanges changes = new CorpusChanges();
        phase("warm-up", () -> {
            int documents = options.smoke() ? 200 : 3000;
            new EngineWarmUp(environment.openSearchUrl(), say).run(context.data().corpus(), documents, documents / 10);
            return null;
        });
        IngestionResult ingestion = phase("ingestion", () -> new IngestionPhase(context, changes).run());
        IngestionResult.Rate rate = ingestion == null ? null : ingestion.rate();
        if (rate == null) {
            failures.add("nothing was indexed: the later phases were skipped");
            return new BenchReport.PhaseResults(ingestion, null, null, null, null, null, null, null, null, null);
        }
        QualityResult quality = phase("quality", () -> new QualityPhase(context).run());
        ThroughputResult.Bare bare = phase("bare-embedding", () -> new BareEmbeddingPhase(context, rate.chunksPerS()).run());
        // While the services idle, on the documents just ingested: the same work done the way a user would without Freshet.
        PeerResult peer = phase("peer", () -> new PeerPhase(context, environment.openSearchUrl(), monitor).run());
        KnnRecallResult knnCorpus = phase("knn-recall-corpus", () -> new KnnRecallPhase(context).run());
        FreshnessPhase freshness = new FreshnessPhase(context, changes, rate.exactDocumentsPerSecond());
        FreshnessResult idle = phase("freshness-idle", () -> freshness.run(false));
        FreshnessResult loaded = phase("freshness-loaded", () -> freshness.run(true));
        // The curve's index only grows: its sizes below the fill's now, the rest after the phases that use the fill.
        CostCurvePhase curve = new CostCurvePhase(context);
        CostCurveResult curveBelowFill = phase("curve", "curve-small", () -> curve.measureBelow(options.fillChunks()));
        FillResult fill = phase("fill", () -> new FillPhase(context).run());
        LatencyResult latency = phase("latency", () -> new LatencyPhase(context).run());
        KnnRecallResult knnFilled = phase("knn-recall-filled", () -> new KnnRecallPhase(context).run());
        // Last, so the phases before it run as they did before it existed (it starts a second query-service).
        AnswerOverheadResult answers = phase("answers", () -> new AnswerOverheadPhase(context, environment, monitor).run());
        CostCurveResult curveAll = phase("curve", "curve-large", () -> curve.measureFrom(options.fillChunks()));
        SoakResult soak = phase("soak", () -> new SoakPhase(context, changes, rate.exactDocumentsPerSecond()).run());
        // After the soak, so nothing before it runs beside a second embed-service or on its loads' deleted chunks.
        EmbedInstancesPhase instances = new EmbedInstancesPhase(context, environment, monitor);
        EmbedInstancesResult.Load oneEmbed = phase("embed-instances", "embed-instances-1", () -> instances.measure(1));
        EmbedInstancesResult.Load twoEmbeds = phase("embed-instances", "embed-instances-2", () -> instances.measure(2));
        if (options.exportVectors()) {
            phase("export-vectors", () -> {
                new VectorExportPhase(context).run();
                return null;
            });
        }
        return new BenchReport.PhaseResults(ingestion, quality, bare, knnCorpus, idle, loaded, fill, latency, knnFilled, answers,
                peer, curveAll != null ? curveAll : curveBelowFill, soak,
                EmbedInstancesResult.of(context.data().corpus().size(), oneEmbed, twoEmbeds));
    }

    /**
     * One phase, unless --phases left it out (ingestion and the vector export are not selectable): its result, or
     * null when it was left out or threw (then a failure of the run).
     */
    private <T> T phase(String name, Supplier<T> body) {
        return phase(name, name, body);
    }

    /** A phase that runs in parts: {@code label} names the part in the log and in the time and CPU by phase. */
    private <T> T phase(String name, String label, Supplier<T> body) {
        if (BenchOptions.PHASES.contains(name) && !options.runs(name)) {
            return null;
        }
        say.accept("");
        say.accept("== " + label + " ==");
        monitor.phase(label);
        try {
            return body.get();
        } catch (RuntimeException e) {
            failures.add(name + " failed: " + e.getMessage());
            say.accept("  FAILED: " + e);
            return null;
        }
    }

    private ServiceSettings settingsOf(BenchEnvironment environment, String service) {
        return ServiceSettings.of(environment.serviceJar(service), options.serviceArguments());
    }
}
