package io.freshet.query.api;

import io.freshet.query.access.Caller;
import io.freshet.query.answer.AnswerEvent;
import io.freshet.query.answer.AnswerOutcome;
import io.freshet.query.answer.AnswerService;
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
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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
    private final QueryMetrics metrics;
    private final QueryAudit audit;
    private final Duration streamTimeout;

    AnswerController(AnswerService answers, QueryMetrics metrics, QueryAudit audit, GenerationProperties generation) {
        this.answers = answers;
        this.metrics = metrics;
        this.audit = audit;
        // Retrieval, then the model's deadline for the first token, then as long again for the rest; the idle timeout
        // between tokens (the same deadline) usually ends a stuck stream before this does.
        this.streamTimeout = generation.timeout().multipliedBy(3).plusSeconds(30);
    }

    @PostMapping("/answer")
    QueryApi.AnswerResponse answer(Caller caller, @Valid @RequestBody QueryApi.AnswerRequest request) {
        AnswerOutcome outcome = metrics.time("answer", SearchMode.HYBRID,
                () -> answers.answer(request.question(), request.topKOrDefault(), caller));
        audit(caller, request, outcome);
        return QueryApi.AnswerResponse.of(newAnswerId(), outcome, request.conversationId());
    }

    @PostMapping(value = "/answer/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(Caller caller, @Valid @RequestBody QueryApi.AnswerRequest request) {
        SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        long started = System.nanoTime();
        AtomicLong firstSentAt = new AtomicLong();
        AtomicReference<Disposable> subscription = new AtomicReference<>();
        Disposable running = answers.stream(request.question(), request.topKOrDefault(), caller)
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(event -> {
                    try {
                        send(emitter, event, caller, request, started, firstSentAt);
                    } catch (IOException | IllegalStateException gone) {
                        // The client went away: stop the model writing for no one.
                        dispose(subscription);
                    }
                }, error -> {
                    log.warn("Streamed answer failed: {}", error.toString());
                    try {
                        emitter.send(SseEmitter.event().name("error").data(Map.of("title", "Answer failed",
                                "status", 500, "detail", "the answer could not be completed; retry"), MediaType.APPLICATION_JSON));
                    } catch (IOException | IllegalStateException ignored) {
                        // nothing more to tell a client that is gone
                    }
                    emitter.complete();
                }, emitter::complete);
        subscription.set(running);
        emitter.onCompletion(() -> dispose(subscription));
        emitter.onTimeout(() -> dispose(subscription));
        emitter.onError(e -> dispose(subscription));
        return emitter;
    }

    private void send(SseEmitter emitter, AnswerEvent event, Caller caller, QueryApi.AnswerRequest request,
                      long started, AtomicLong firstSentAt) throws IOException {
        if (firstSentAt.compareAndSet(0, System.nanoTime())) {
            metrics.firstToken(firstSentAt.get() - started, answers.generates() ? "generated" : "extractive");
        }
        if (event instanceof AnswerEvent.Token token) {
            emitter.send(SseEmitter.event().name("token")
                    .data(new QueryApi.StreamedToken(token.text()), MediaType.APPLICATION_JSON));
        } else if (event instanceof AnswerEvent.Final last) {
            AnswerOutcome outcome = last.outcome();
            audit(caller, request, outcome);
            var response = QueryApi.AnswerResponse.of(newAnswerId(), outcome, request.conversationId());
            emitter.send(SseEmitter.event().name("citations")
                    .data(QueryApi.StreamedCitations.of(response), MediaType.APPLICATION_JSON));
            emitter.send(SseEmitter.event().name("done").data(new QueryApi.StreamDone(response.answerId(),
                    response.mode(), response.grounded(), response.fallbackReason(), response.conversationId(),
                    Duration.ofNanos(firstSentAt.get() - started).toMillis()), MediaType.APPLICATION_JSON));
        }
    }

    private void audit(Caller caller, QueryApi.AnswerRequest request, AnswerOutcome outcome) {
        audit.record("answer", caller, request.question(),
                outcome.answer().citations().stream().map(Citation::documentId).toList());
    }

    private static void dispose(AtomicReference<Disposable> subscription) {
        Disposable running = subscription.get();
        if (running != null) {
            running.dispose();
        }
    }

    private static String newAnswerId() {
        return UUID.randomUUID().toString();
    }
}
