package io.freshet.query.answer.grounding;

/**
 * What an operator sets for generated answers.
 *
 * @param style       tone and format for the model (a fine-tuned model may need none); blank for none. It goes
 *                    into the system message after the grounding rules and cannot lift them.
 * @param language    the language to answer in ("German", "fr"), or null/blank to answer in the question's
 * @param tokenBudget the most the system and user messages may take, in {@link GroundedPrompt#estimateTokens
 *                    estimated} tokens: the model's context minus what its reply needs
 */
public record PromptSettings(String style, String language, int tokenBudget) {

    public PromptSettings {
        if (tokenBudget <= 0) {
            throw new IllegalArgumentException("tokenBudget must be positive, was " + tokenBudget);
        }
        style = style == null ? "" : style.strip();
        language = language == null || language.isBlank() ? null : language.strip();
    }
}
