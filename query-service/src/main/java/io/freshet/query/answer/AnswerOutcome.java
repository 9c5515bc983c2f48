package io.freshet.query.answer;

import java.util.List;

/**
 * An answer with how it came about.
 *
 * @param question          the question retrieval ran with (a follow-up rewritten to stand alone)
 * @param evidence          the caller's passages it was written from, best first (for feedback; never sent as is)
 * @param mode              which path wrote it
 * @param uncitedSentences  sentences of a generated answer that cite nothing (flagged, not removed)
 * @param inventedCitations markers the model wrote that named no passage (removed from the text)
 * @param fallbackReason    why the model's answer was not used (mode extractive-fallback), else null
 * @param modelPrompt       the system and user messages the model was given, null when none was called
 */
public record AnswerOutcome(String question, Answer answer, List<Evidence> evidence, AnswerMode mode,
                            List<String> uncitedSentences, int inventedCitations, String fallbackReason,
                            ModelPrompt modelPrompt) {

    public AnswerOutcome {
        evidence = List.copyOf(evidence);
        uncitedSentences = List.copyOf(uncitedSentences);
    }

    public record ModelPrompt(String system, String user) {
    }
}
