package io.freshet.query.api;

import io.freshet.query.access.Caller;
import io.freshet.query.answer.AnswerEvent;
import io.freshet.query.answer.AnswerOutcome;
import io.freshet.query.answer.AnswerService;
import io.freshet.query.answer.conversation.Conversations;
import io.freshet.query.answer.feedback.RecentAnswers;
import io.freshet.query.answer.generation.GenerationProperties;
import io.freshet.query.answer.Answer.Citation;
import io.freshet.query.audit.QueryAudit;
import io.freshet.query.retrieval.SearchMode;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers, whole ({@code POST /v1/answer}) or as Server-Sent Events ({@code POST /v1/answer/stream}: {@code token}
 * events as the model writes, one {@code citations} event with the checked answer, then {@code done}). A client that
 * goes away cancels the model call.
 */
@RestController
@RequestMapping("/v1")
class AnswerController {

    private static final Logger log = LoggerFactory.getLogger(AnswerController.class);

    private final AnswerService answers;
    private final Conversations conversations;
    private final RecentAnswers recentAnswers;
    private final QueryMetrics metrics;
    private final QueryAudit audit;
    private final Duration streamTimeout;

    AnswerController(AnswerService answers, Conversations conversations, RecentAnswers recentAnswers,
                     QueryMetrics metrics, QueryAudit audit, GenerationProperties generation) {
        this.answers = answers;
        this.conversations = conversations;
        this.recentAnswers = recentAnswers;
        this.metrics = metrics;
        this.audit = audit;
        this.streamTimeout = AnswerStreams.timeout(generation);
    }

    @PostMapping("/answer")
    QueryApi.AnswerResponse answer(Caller caller, @Valid @RequestBody QueryApi.AnswerRequest request) {
        Conversations.Prepared asked = conversations.prepare(caller, request.conversationId(), request.question());
        AnswerOutcome outcome = metrics.time("answer", SearchMode.HYBRID,
                () -> answers.answer(asked.standaloneQuestion(), request.topKOrDefault(), caller));
        return answered(caller, request, asked, outcome);
    }

    @PostMapping(value = "/answer/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(Caller caller, @Valid @RequestBody QueryApi.AnswerRequest request) {
        // The follow-up is rewritten before the stream starts: it may be a (guarded) model call of its own.
        Conversations.Prepared asked = conversations.prepare(caller, request.conversationId(), request.question());
        long started = System.nanoTime();
        AtomicLong firstSentAt = new AtomicLong();
        return AnswerStreams.start(answers.stream(asked.standaloneQuestion(), request.topKOrDefault(), caller),
                streamTimeout, (emitter, event) -> send(emitter, event, caller, request, asked, started, firstSentAt),
                (emitter, error) -> {
                    log.warn("Streamed answer failed: {}", error.toString());
                    try {
                        emitter.send(SseEmitter.event().name("error").data(Map.of("title", "Answer failed",
                                "status", 500, "detail", "the answer could not be completed; retry"), MediaType.APPLICATION_JSON));
                    } catch (IOException | IllegalStateException ignored) {
                        // nothing more to tell a client that is gone
                    }
                    emitter.complete();
                });
    }

    private void send(SseEmitter emitter, AnswerEvent event, Caller caller, QueryApi.AnswerRequest request,
                      Conversations.Prepared asked, long started, AtomicLong firstSentAt) throws IOException {
        if (firstSentAt.compareAndSet(0, System.nanoTime())) {
            metrics.firstToken(firstSentAt.get() - started, answers.generates() ? "generated" : "extractive");
        }
        if (event instanceof AnswerEvent.Token token) {
            emitter.send(SseEmitter.event().name("token")
                    .data(new QueryApi.StreamedToken(token.text()), MediaType.APPLICATION_JSON));
        } else if (event instanceof AnswerEvent.Final last) {
            var response = answered(caller, request, asked, last.outcome());
            emitter.send(SseEmitter.event().name("citations")
                    .data(QueryApi.StreamedCitations.of(response), MediaType.APPLICATION_JSON));
            emitter.send(SseEmitter.event().name("done").data(new QueryApi.StreamDone(response.answerId(),
                    response.mode(), response.grounded(), response.fallbackReason(), response.conversationId(),
                    response.standaloneQuestion(), Duration.ofNanos(firstSentAt.get() - started).toMillis()), MediaType.APPLICATION_JSON));
        }
    }

    /** Audited, remembered for follow-ups and for feedback, then returned. */
    private QueryApi.AnswerResponse answered(Caller caller, QueryApi.AnswerRequest request, Conversations.Prepared asked,
                                             AnswerOutcome outcome) {
        audit.record("answer", caller, request.question(),
                outcome.answer().citations().stream().map(Citation::documentId).toList());
        conversations.remember(caller, asked, outcome.answer().answer());
        String answerId = newAnswerId();
        recentAnswers.remember(answerId, caller, outcome);
        return QueryApi.AnswerResponse.of(answerId, outcome, asked);
    }


    private static String newAnswerId() {
        return UUID.randomUUID().toString();
    }
}
