package io.freshet.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;
import io.freshet.query.answer.Answer.Citation;
import io.freshet.query.answer.AnswerMode;
import io.freshet.query.answer.AnswerOutcome;
import io.freshet.query.answer.conversation.Turn;
import io.freshet.query.retrieval.QueryLimits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OpenAI chat-completions wire format, both ways: a request read, a completion or chunk written. Pure. */
final class ChatCompletions {

    static final int TOP_K = 5;
    static final int MAX_MESSAGES = 100;
    static final int MAX_HISTORY_CHARS = 4000;

    private ChatCompletions() {
    }

    /** What Freshet takes from a request: the last user message, earlier user/assistant turns, stream or not. */
    record Request(String question, List<Turn> history, boolean stream) {

        static Request of(JsonNode body) {
            JsonNode messages = body == null ? null : body.get("messages");
            if (messages == null || !messages.isArray() || messages.isEmpty()) {
                throw new IllegalArgumentException("messages is required: a non-empty array");
            }
            if (messages.size() > MAX_MESSAGES) {
                throw new IllegalArgumentException("at most " + MAX_MESSAGES + " messages");
            }
            JsonNode last = messages.get(messages.size() - 1);
            if (!"user".equals(last.path("role").asString())) {
                throw new IllegalArgumentException("the last message must be the user's question");
            }
            String question = text(last.path("content"));
            if (question.isBlank() || question.length() > QueryLimits.MAX_QUERY_CHARS) {
                throw new IllegalArgumentException("the question must be 1 to " + QueryLimits.MAX_QUERY_CHARS + " characters");
            }
            JsonNode stream = body.get("stream");
            if (stream != null && !stream.isBoolean() && !stream.isNull()) {
                throw new IllegalArgumentException("stream must be true or false");
            }
            return new Request(question, history(messages), stream != null && stream.asBoolean(false));
        }

        /** User questions each with the assistant reply that followed, oldest first; system messages ignored. */
        private static List<Turn> history(JsonNode messages) {
            var turns = new ArrayList<Turn>();
            String asked = null;
            for (int i = 0; i < messages.size() - 1; i++) {
                JsonNode message = messages.get(i);
                String role = message.path("role").asString();
                String text = cut(text(message.path("content")));
                if (role.equals("user")) {
                    asked = text;
                } else if (role.equals("assistant") && asked != null) {
                    turns.add(new Turn(asked, text));
                    asked = null;
                }
            }
            return turns;
        }

        private static String cut(String text) {
            return text.length() > MAX_HISTORY_CHARS ? text.substring(0, MAX_HISTORY_CHARS) : text;
        }

        /** Content as a string, or as an array of parts of which the text parts count. */
        private static String text(JsonNode content) {
            if (content.isString()) {
                return content.asString();
            }
            var text = new StringBuilder();
            if (content.isArray()) {
                content.forEach(part -> {
                    if ("text".equals(part.path("type").asString())) {
                        text.append(part.path("text").asString(""));
                    }
                });
            }
            return text.toString();
        }
    }

    /** Freshet's own part of a response, beside the fields every OpenAI client knows. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Grounding(AnswerMode mode, boolean grounded, List<Citation> citations, List<String> uncitedSentences,
                     String fallbackReason) {

        static Grounding of(AnswerOutcome outcome) {
            return new Grounding(outcome.mode(), outcome.answer().grounded(), outcome.answer().citations(),
                    outcome.uncitedSentences(), outcome.fallbackReason());
        }
    }

    static Map<String, Object> completion(String id, AnswerOutcome outcome) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", outcome.answer().answer() + sources(outcome));
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("finish_reason", "stop");
        Map<String, Object> completion = head(id, "chat.completion");
        completion.put("choices", List.of(choice));
        completion.put("freshet", Grounding.of(outcome));
        return completion;
    }

    /** A streamed chunk: {@code content} as a delta, or the closing chunk with its finish reason and Freshet's part. */
    static Map<String, Object> chunk(String id, String content, String finishReason, AnswerOutcome outcome) {
        Map<String, Object> delta = new LinkedHashMap<>();
        if (content != null) {
            delta.put("role", "assistant");
            delta.put("content", content);
        }
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        Map<String, Object> chunk = head(id, "chat.completion.chunk");
        chunk.put("choices", List.of(choice));
        if (outcome != null) {
            chunk.put("freshet", Grounding.of(outcome));
        }
        return chunk;
    }

    /** "Sources:" and one line per citation, so a plain chat window shows where [n] leads. */
    static String sources(AnswerOutcome outcome) {
        List<Citation> citations = outcome.answer().citations();
        if (citations.isEmpty()) {
            return "";
        }
        var sources = new StringBuilder("\n\nSources:");
        for (int i = 0; i < citations.size(); i++) {
            Citation c = citations.get(i);
            sources.append("\n[").append(i + 1).append("] ").append(c.title() == null ? c.documentId() : c.title());
            if (c.page() != null) {
                sources.append(", page ").append(c.page());
            }
            if (c.url() != null) {
                sources.append(" — ").append(c.url());
            }
        }
        return sources.toString();
    }

    static Map<String, Object> error(String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", "invalid_request_error");
        error.put("param", null);
        error.put("code", null);
        return Map.of("error", error);
    }

    private static Map<String, Object> head(String id, String object) {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("id", id);
        head.put("object", object);
        head.put("created", System.currentTimeMillis() / 1000);
        head.put("model", ChatCompletionsController.MODEL_NAME);
        return head;
    }
}
