package io.freshet.query.answer;

/**
 * When the extractive answerer may answer, and how much it quotes.
 *
 * @param minMatchedWords    content words of the question the best sentence must contain (fewer if the
 *                           question has fewer)
 * @param minCoverage        share of the question's IDF weight the best sentence must cover (0..1)
 * @param minCosine          vector similarity the best passage must reach; below it the question is off-topic
 * @param maxUncoveredShare  share of the question's IDF weight that may fall on words no retrieved passage
 *                           contains at all; above it the question asks about something the documents never
 *                           mention ("sick leave" when they only speak of annual leave)
 * @param maxSentences       most sentences quoted
 * @param relativeSupport    a further sentence is quoted only if its support is at least this share of the best
 * @param rankWeight         bonus for a sentence from the top-ranked passage, decaying as 1 / (1 + rank)
 * @param titleWeight        weight of a question word found only in the passage's title, relative to the sentence
 * @param duplicateOverlap   word overlap (Jaccard) from which two sentences count as saying the same
 * @param maxSentenceChars   longest sentence quoted; longer runs are cut at a word
 * @param semanticCandidates how many of the lexically best units are scored by meaning (each costs an embedding)
 * @param semanticWeight     weight of closeness in meaning against lexical support (0 = words only)
 * @param answerCosine       cosine from which a unit counts as saying what was asked even with few shared words
 */
public record AnswerPolicy(int minMatchedWords, double minCoverage, double minCosine, double maxUncoveredShare,
                           int maxSentences,
                           double relativeSupport, double rankWeight, double titleWeight, double duplicateOverlap,
                           int maxSentenceChars, int semanticCandidates, double semanticWeight, double answerCosine) {

    /** Words only: no model at hand (tests of the lexical rules). */
    public AnswerPolicy(int minMatchedWords, double minCoverage, double minCosine, double maxUncoveredShare,
                        int maxSentences, double relativeSupport, double rankWeight, double titleWeight,
                        double duplicateOverlap, int maxSentenceChars) {
        this(minMatchedWords, minCoverage, minCosine, maxUncoveredShare, maxSentences, relativeSupport, rankWeight,
                titleWeight, duplicateOverlap, maxSentenceChars, 0, 0, 1.0);
    }
}
