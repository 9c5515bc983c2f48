package io.freshet.query;

import io.freshet.query.answer.AnswerPolicy;
import io.freshet.query.retrieval.RankFusion;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How query-service retrieves and answers.
 *
 * @param fusion             how hybrid search merges the lexical and vector lists: rrf or convex
 * @param rrfK               the reciprocal rank fusion constant (60 in the original paper)
 * @param convexVectorWeight weight of the normalised vector score in convex fusion (lexical gets the rest)
 * @param candidates         results fetched from each list before fusion (ids and scores only; the text is read
 *                           for the fused top K alone)
 * @param knnK               nearest neighbours a vector search collects (the HNSW beam), at least the results it
 *                           returns: 100 keeps recall@10 against exact search above 0.95 at 100k chunks (50: 0.945)
 * @param titleBoost         weight of the title in lexical search; 0 searches the passage text only, which
 *                           measured better on SciFact, where titles are paper titles rather than summaries
 * @param queryCache         the cache of query embeddings: questions asked again skip the model
 * @param answer             when and how /v1/answer quotes passages
 * @param servedIndexCheck   how often the chunk alias is looked up again: after a model change (./freshet reindex)
 *                           queries move to the new index and model within this time
 */
@Validated
@ConfigurationProperties("freshet.query")
public record QueryProperties(
        @NotNull @DefaultValue("convex") Fusion fusion,
        @Min(1) @DefaultValue("60") int rrfK,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.6") double convexVectorWeight,
        @Min(1) @Max(1000) @DefaultValue("50") int candidates,
        @Min(1) @Max(10000) @DefaultValue("100") int knnK,
        @DecimalMin("0.0") @DefaultValue("0.0") double titleBoost,
        @Valid @NotNull @DefaultValue QueryCache queryCache,
        @Valid @NotNull @DefaultValue Answering answer,
        @NotNull @DefaultValue("1s") Duration servedIndexCheck) {

    public enum Fusion { RRF, CONVEX }

    public RankFusion rankFusion() {
        return fusion == Fusion.RRF ? RankFusion.reciprocalRank(rrfK) : RankFusion.convex(convexVectorWeight);
    }

    /**
     * @param maxEntries queries whose vectors are kept (~1.6 kB each with 384 dimensions: 4096 is ~7 MB); 0 = no cache
     * @param timeToLive how long a vector is kept after it was computed; the text-to-vector mapping only changes with
     *                   the model (a restart), so this only bounds how long a hash of the question stays in memory
     */
    public record QueryCache(
            @Min(0) @Max(1_000_000) @DefaultValue("4096") int maxEntries,
            @NotNull @DefaultValue("1h") Duration timeToLive) {
    }

    /**
     * Thresholds of the extractive answerer; see {@link AnswerPolicy}. {@code minCosine} was measured with
     * bge-small int8 on SciFact (60 claims, 737 abstracts): a claim's relevant abstract scored 0.62-0.94
     * (median 0.80), while the best abstract for 20 unrelated questions scored 0.43-0.59. The floor removes
     * the clearly unrelated; the content-word checks catch the rest.
     */
    public record Answering(
            @Min(1) @DefaultValue("2") int minMatchedWords,
            @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.35") double minCoverage,
            @DecimalMin("-1.0") @DecimalMax("1.0") @DefaultValue("0.6") double minCosine,
            @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.4") double maxUncoveredShare,
            @Min(1) @Max(10) @DefaultValue("3") int maxSentences,
            @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.6") double relativeSupport,
            @DecimalMin("0.0") @DefaultValue("0.05") double rankWeight,
            @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.5") double titleWeight,
            @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.6") double duplicateOverlap,
            @Min(40) @DefaultValue("400") int maxSentenceChars,
            @Min(0) @Max(50) @DefaultValue("12") int semanticCandidates,
            @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.6") double semanticWeight,
            @DecimalMin("-1.0") @DecimalMax("1.0") @DefaultValue("0.75") double answerCosine) {

        public AnswerPolicy policy() {
            return new AnswerPolicy(minMatchedWords, minCoverage, minCosine, maxUncoveredShare, maxSentences, relativeSupport,
                    rankWeight, titleWeight, duplicateOverlap, maxSentenceChars, semanticCandidates, semanticWeight,
                    answerCosine);
        }
    }
}
