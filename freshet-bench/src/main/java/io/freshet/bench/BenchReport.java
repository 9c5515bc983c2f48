package io.freshet.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

/**
 * The whole run as report.json: one section per measure, each absent when its phase did not run or failed, and the
 * pipeline checks that failed. Other tools and docs read this file: BenchReportTest pins its keys.
 */
@JsonInclude(NON_NULL)
record BenchReport(
        RunInfo run,
        IngestionResult ingestion,
        ThroughputResult throughput,
        EmbedInstancesResult embedInstances,
        QualityResult quality,
        @JsonProperty("knn_recall@10") KnnRecallResult.Section knnRecall,
        @JsonProperty("freshness_ms") FreshnessResult.Section freshness,
        FillResult fill,
        @JsonProperty("search_latency_ms") LatencyResult.Endpoint searchLatency,
        @JsonProperty("answer_latency_ms") LatencyResult.Endpoint answerLatency,
        @JsonProperty("search_authentication_ms") LatencyResult.Authentication searchAuthentication,
        AnswerOverheadResult generatedAnswer,
        CostCurveResult costCurve,
        SoakResult soak,
        @JsonUnwrapped Resources resources,
        List<String> failures) {

    /**
     * Record components in camelCase are written in snake_case (odd keys such as "ndcg@10" are named on the component);
     * keys follow the components' order.
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** What the phases returned, in the order they run; null for a phase that did not run or failed. */
    record PhaseResults(
            IngestionResult ingestion,
            QualityResult quality,
            ThroughputResult.Bare bare,
            KnnRecallResult knnRecallCorpus,
            FreshnessResult freshnessIdle,
            FreshnessResult freshnessLoaded,
            FillResult fill,
            LatencyResult latency,
            KnnRecallResult knnRecallFilled,
            AnswerOverheadResult answers,
            PeerResult peer,
            CostCurveResult costCurve,
            SoakResult soak,
            EmbedInstancesResult embedInstances) {

        static final PhaseResults NONE = new PhaseResults(null, null, null, null, null, null, null, null, null, null);

        /** The phases before the peer, the cost curve and the soak existed. */
        PhaseResults(IngestionResult ingestion, QualityResult quality, ThroughputResult.Bare bare, KnnRecallResult knnRecallCorpus,
                     FreshnessResult freshnessIdle, FreshnessResult freshnessLoaded, FillResult fill, LatencyResult latency,
                     KnnRecallResult knnRecallFilled, AnswerOverheadResult answers) {
            this(ingestion, quality, bare, knnRecallCorpus, freshnessIdle, freshnessLoaded, fill, latency, knnRecallFilled,
                    answers, null, null, null);
        }

        /** The phases before the embed-instances phase existed. */
        PhaseResults(IngestionResult ingestion, QualityResult quality, ThroughputResult.Bare bare, KnnRecallResult knnRecallCorpus,
                     FreshnessResult freshnessIdle, FreshnessResult freshnessLoaded, FillResult fill, LatencyResult latency,
                     KnnRecallResult knnRecallFilled, AnswerOverheadResult answers, PeerResult peer, CostCurveResult costCurve,
                     SoakResult soak) {
            this(ingestion, quality, bare, knnRecallCorpus, freshnessIdle, freshnessLoaded, fill, latency, knnRecallFilled,
                    answers, peer, costCurve, soak, null);
        }
    }

    /** What the processes used, from {@link ProcessMonitor}: absent when the run ended before the phases. */
    record Resources(
            Map<String, Double> memoryPeakRssMib,
            Map<String, Map<String, Double>> cpuSecondsByPhase,
            Map<String, Double> wallSecondsByPhase) {
    }

    /** The report of a run: sections from the phase results, combined where one section takes two phases. */
    static BenchReport of(RunInfo run, PhaseResults phases, Resources resources, List<String> failures) {
        IngestionResult.Rate rate = phases.ingestion() == null ? null : phases.ingestion().rate();
        KnnRecallResult corpus = phases.knnRecallCorpus();
        KnnRecallResult filled = phases.knnRecallFilled();
        FreshnessResult idle = phases.freshnessIdle();
        FreshnessResult loaded = phases.freshnessLoaded();
        LatencyResult latency = phases.latency();
        return new BenchReport(run, phases.ingestion(),
                rate == null ? null : ThroughputResult.of(rate, phases.bare(), phases.peer() == null ? null
                        : PeerComparison.of(phases.ingestion(), phases.peer(), resources == null ? null : resources.cpuSecondsByPhase())),
                phases.embedInstances(),
                phases.quality(),
                corpus == null && filled == null ? null : new KnnRecallResult.Section(corpus, filled),
                idle == null && loaded == null ? null : FreshnessResult.Section.of(idle, loaded),
                phases.fill(),
                latency == null ? null : latency.search(),
                latency == null ? null : latency.answer(),
                latency == null ? null : latency.authentication(),
                phases.answers(),
                phases.costCurve(),
                phases.soak(),
                resources, List.copyOf(failures));
    }

    String toJson() {
        return JSON.writeValueAsString(this);
    }

    /** The same tree as report.json, as maps and lists: what report.md is rendered from, so the two agree. */
    Map<String, Object> toTree() {
        return JSON.convertValue(this, new TypeReference<Map<String, Object>>() { });
    }
}
