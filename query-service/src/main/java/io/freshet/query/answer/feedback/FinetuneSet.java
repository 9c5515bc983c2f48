package io.freshet.query.answer.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.contract.event.AnswerFeedback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feedback as a chat-format fine-tuning set (JSON Lines, one {"messages": [system, user, assistant]} per example, the
 * format OpenAI's and most open-source fine-tuning jobs take): the sources and the question as the model sees them,
 * then the corrected answer, or the answer as given when it was approved. The last feedback per answer counts;
 * unhelpful answers without a correction, and answers without sources, teach nothing and are left out. Pure.
 */
public final class FinetuneSet {

    /** How many examples were written, and what was left out. */
    public record Tally(int examples, int notApproved, int withoutSources) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, AnswerFeedback> latest = new LinkedHashMap<>();

    /** Later feedback on the same answer replaces earlier (the topic is keyed and compacted by answer id). */
    public void add(AnswerFeedback feedback) {
        latest.remove(feedback.answerId());
        latest.put(feedback.answerId(), feedback);
    }

    public List<String> lines() {
        var lines = new ArrayList<String>();
        for (AnswerFeedback feedback : latest.values()) {
            String assistant = feedback.approvedAnswer();
            if (assistant == null || feedback.messages().isEmpty()) {
                continue;
            }
            var messages = new ArrayList<Map<String, String>>();
            feedback.messages().forEach(m -> messages.add(Map.of("role", m.role(), "content", m.content())));
            messages.add(Map.of("role", "assistant", "content", assistant));
            try {
                lines.add(JSON.writeValueAsString(Map.of("messages", messages)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("could not write a fine-tuning example", e);
            }
        }
        return lines;
    }

    public Tally tally() {
        int examples = 0;
        int notApproved = 0;
        int withoutSources = 0;
        for (AnswerFeedback feedback : latest.values()) {
            if (feedback.approvedAnswer() == null) {
                notApproved++;
            } else if (feedback.messages().isEmpty()) {
                withoutSources++;
            } else {
                examples++;
            }
        }
        return new Tally(examples, notApproved, withoutSources);
    }
}
