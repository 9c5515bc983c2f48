package io.freshet.query.answer.grounding;

/** What to do with a question: ask the model with this prompt, or abstain without calling it. */
public sealed interface PromptPlan {

    record Ask(GroundedPrompt prompt) implements PromptPlan {
    }

    record Abstain(Reason reason) implements PromptPlan {
    }

    enum Reason {
        /** Retrieval found nothing this caller may read: a model would only be asked to invent. */
        NO_EVIDENCE,
        /** The rules and the question alone fill the budget, so not even the best passage fits. */
        BUDGET_TOO_SMALL
    }
}
