package io.freshet.query.answer.grounding;

import io.freshet.query.answer.Evidence;

/**
 * Passage {@code number} of a prompt, "[number]" in the model's reply: the evidence it came from and the text the
 * model was shown ({@code truncated} when the token budget cut it short).
 */
public record NumberedSource(int number, Evidence evidence, String shownText, boolean truncated) {
}
