package io.freshet.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A person's verdict on an answer, with what a fine-tuning job needs to learn from it: the messages the model was
 * (or, for an extractive answer, would have been) given, the answer, and the correction if there is one.
 *
 * @param answerId   the answer's id as the API returned it
 * @param at         when the feedback was given
 * @param helpful    the person's verdict
 * @param correction what the answer should have said, or null
 * @param question   the question as asked
 * @param mode       generated, extractive or extractive-fallback
 * @param messages   the system and user messages (numbered sources, then the question); empty when the answer had
 *                   no sources to show a model (an abstention): such feedback cannot teach grounded answering
 * @param answer     the answer as returned
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnswerFeedback(String answerId, Instant at, boolean helpful, String correction, String question,
                             String mode, List<Message> messages, String answer) {

    public AnswerFeedback {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** One chat message, as fine-tuning formats have it. */
    public record Message(String role, String content) {
    }

    /** What a fine-tuning set should learn from this, or null: a corrected answer, or an approved one. */
    public String approvedAnswer() {
        if (correction != null && !correction.isBlank()) {
            return correction;
        }
        return helpful ? answer : null;
    }
}
