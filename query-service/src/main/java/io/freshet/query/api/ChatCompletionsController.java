package io.freshet.query.api;

import tools.jackson.databind.JsonNode;
import io.freshet.query.access.Caller;
import io.freshet.query.answer.AnswerEvent;
import io.freshet.query.answer.AnswerOutcome;
import io.freshet.query.answer.AnswerService;
import io.freshet.query.answer.conversation.Conversations;
import io.freshet.query.answer.feedback.RecentAnswers;
import io.freshet.query.answer.generation.GenerationProperties;
import io.freshet.query.audit.QueryAudit;
import io.freshet.query.answer.Answer.Citation;
import io.freshet.query.retrieval.SearchMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

/**
 * An OpenAI-compatible {@code POST /v1/chat/completions}, whole or streamed, so chat tools and SDKs that speak it get
 * Freshet's grounded answers: the API key is the caller's Freshet token, the last user message is the question and
 * the earlier turns make a follow-up stand alone. The answer text keeps its [n] markers and ends with the sources;
 * the citations, mode and grounded flag also come as the extra field {@code freshet}. A client's system message is
 * ignored: the grounding rules are not the caller's to change.
 */
@RestController
class ChatCompletionsController {

    private static final Logger log = LoggerFactory.getLogger(ChatCompletionsController.class);
    static final String MODEL_NAME = "freshet";

    private final AnswerService answers;
    private final Conversations conversations;
    private final RecentAnswers recentAnswers;
    private final QueryMetrics metrics;
    private final QueryAudit audit;
    private final Duration streamTimeout;

    ChatCompletionsController(AnswerService answers, Conversations conversations, RecentAnswers recentAnswers,
                              QueryMetrics metrics, QueryAudit audit, GenerationProperties generation) {
        this.answers = answers;
        this.conversations = conversations;
        this.recentAnswers = recentAnswers;
        this.metrics = metrics;
        this.audit = audit;
        this.streamTimeout = AnswerStreams.timeout(generation);
    }

    @PostMapping(value = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> complete(Caller caller, @RequestBody JsonNode body) {
        ChatCompletions.Request request;
        try {
            request = ChatCompletions.Request.of(body);
        } catch (IllegalArgumentException invalid) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(ChatCompletions.error(invalid.getMessage()));
        }
        String question = conversations.standalone(request.question(), request.history());
        String id = "chatcmpl-" + UUID.randomUUID();
        if (!request.stream()) {
            AnswerOutcome outcome = metrics.time("chat", SearchMode.HYBRID,
                    () -> answers.answer(question, ChatCompletions.TOP_K, caller));
            audited(id, caller, request.question(), outcome);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ChatCompletions.completion(id, outcome));
        }
        var written = new StringBuilder();
        SseEmitter emitter = AnswerStreams.start(answers.stream(question, ChatCompletions.TOP_K, caller), streamTimeout,
                (sse, event) -> send(sse, id, event, written, caller, request.question()),
                (sse, error) -> {
                    log.warn("Streamed chat completion failed: {}", error.toString());
                    sse.completeWithError(error);
                });
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(emitter);
    }

    private void send(SseEmitter emitter, String id, AnswerEvent event, StringBuilder written, Caller caller,
                      String question) throws IOException {
        if (event instanceof AnswerEvent.Token token) {
            written.append(token.text());
            emitter.send(SseEmitter.event().data(ChatCompletions.chunk(id, token.text(), null, null), MediaType.APPLICATION_JSON));
        } else if (event instanceof AnswerEvent.Final last) {
            AnswerOutcome outcome = last.outcome();
            audited(id, caller, question, outcome);
            // A protocol without "replace": what was streamed stays; if the checked answer differs (a fallback after
            // the model broke off), it follows in full.
            String text = outcome.answer().answer();
            String tail = text.equals(written.toString()) ? "" : "\n\n" + text;
            emitter.send(SseEmitter.event().data(ChatCompletions.chunk(id, tail + ChatCompletions.sources(outcome), null, null),
                    MediaType.APPLICATION_JSON));
            emitter.send(SseEmitter.event().data(ChatCompletions.chunk(id, null, "stop", outcome), MediaType.APPLICATION_JSON));
            emitter.send(SseEmitter.event().data("[DONE]"));
        }
    }

    /** Audited, and remembered for feedback under the completion's id. */
    private void audited(String id, Caller caller, String question, AnswerOutcome outcome) {
        audit.record("chat", caller, question, outcome.answer().citations().stream().map(Citation::documentId).toList());
        recentAnswers.remember(id, caller, outcome);
    }

}
