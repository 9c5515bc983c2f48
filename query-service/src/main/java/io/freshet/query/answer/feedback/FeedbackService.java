package io.freshet.query.answer.feedback;

import io.freshet.contract.event.AnswerFeedback;
import io.freshet.contract.event.Topics;
import io.freshet.pipeline.kafka.EventPublisher;
import io.freshet.query.access.Caller;
import io.freshet.query.answer.AnswerOutcome;
import io.freshet.query.answer.grounding.GroundedPrompt;
import io.freshet.query.answer.grounding.PromptPlan;
import io.freshet.query.answer.grounding.PromptSettings;

import java.time.Clock;
import java.util.List;

/**
 * Records a person's verdict on an answer they were given, on {@link Topics#FEEDBACK}, with the messages a model was
 * (or, for an extractive answer, would have been) shown, so that {@code ./freshet export-finetune} can turn approved
 * and corrected answers into a fine-tuning set. Returns only once Kafka has the record.
 */
public final class FeedbackService {

    private final RecentAnswers recent;
    private final EventPublisher publisher;
    private final PromptSettings promptSettings;
    private final Clock clock;

    public FeedbackService(RecentAnswers recent, EventPublisher publisher, PromptSettings promptSettings, Clock clock) {
        this.recent = recent;
        this.publisher = publisher;
        this.promptSettings = promptSettings;
        this.clock = clock;
    }

    /** @return false when the caller was given no answer with this id (or too long ago): nothing is recorded */
    public boolean submit(Caller caller, String answerId, boolean helpful, String correction) {
        var given = recent.givenTo(caller, answerId);
        if (given.isEmpty()) {
            return false;
        }
        AnswerOutcome outcome = given.get();
        publisher.publish(Topics.FEEDBACK, answerId, new AnswerFeedback(answerId, clock.instant(), helpful,
                correction == null || correction.isBlank() ? null : correction.strip(), outcome.question(),
                outcome.mode().wireName(), messages(outcome), outcome.answer().answer()));
        return true;
    }

    /** The model's own messages if one was called; else those the grounded prompt would give it; none if no sources. */
    private List<AnswerFeedback.Message> messages(AnswerOutcome outcome) {
        if (outcome.modelPrompt() != null) {
            return List.of(new AnswerFeedback.Message("system", outcome.modelPrompt().system()),
                    new AnswerFeedback.Message("user", outcome.modelPrompt().user()));
        }
        if (GroundedPrompt.plan(outcome.question(), outcome.evidence(), promptSettings) instanceof PromptPlan.Ask ask) {
            return List.of(new AnswerFeedback.Message("system", ask.prompt().system()),
                    new AnswerFeedback.Message("user", ask.prompt().user()));
        }
        return List.of();
    }
}
