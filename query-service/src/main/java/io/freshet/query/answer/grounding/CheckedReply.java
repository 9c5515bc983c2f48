package io.freshet.query.answer.grounding;

import io.freshet.query.answer.Answer;

import java.util.List;

/**
 * A model's reply as Freshet returns it, with what the check found.
 *
 * @param answer            the text with only valid markers, renumbered so "[k]" is {@code citations.get(k - 1)}
 * @param inventedCitations how many cited numbers named no passage of the prompt (removed from the text)
 * @param uncitedSentences  sentences of the answer that state something without citing a source
 */
public record CheckedReply(Answer answer, int inventedCitations, List<String> uncitedSentences) {

    public CheckedReply {
        uncitedSentences = List.copyOf(uncitedSentences);
    }
}
