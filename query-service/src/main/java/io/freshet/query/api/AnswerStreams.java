package io.freshet.query.api;

import io.freshet.query.answer.AnswerEvent;
import io.freshet.query.answer.generation.GenerationProperties;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * A streamed answer written to a Server-Sent Events response, for both wire formats (Freshet's and OpenAI's): the
 * answer runs off the request thread, and a client that goes away (a failed write, the emitter's completion, timeout
 * or error) cancels it, so the model stops writing for no one.
 */
final class AnswerStreams {

    /** Writes one event in the endpoint's format. */
    @FunctionalInterface
    interface EventWriter {
        void write(SseEmitter emitter, AnswerEvent event) throws IOException;
    }

    private AnswerStreams() {
    }

    /**
     * Retrieval, then the model's deadline for the first token, then as long again for the rest; the idle timeout
     * between tokens (the same deadline) usually ends a stuck stream before this does.
     */
    static Duration timeout(GenerationProperties generation) {
        return generation.timeout().multipliedBy(3).plusSeconds(30);
    }

    /** @param onError what to tell the client when the answer fails (the emitter is then to be completed by it) */
    static SseEmitter start(Flux<AnswerEvent> events, Duration timeout, EventWriter writer,
                            BiConsumer<SseEmitter, Throwable> onError) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        AtomicReference<Disposable> subscription = new AtomicReference<>();
        Disposable running = events.subscribeOn(Schedulers.boundedElastic())
                .subscribe(event -> {
                    try {
                        writer.write(emitter, event);
                    } catch (IOException | IllegalStateException gone) {
                        dispose(subscription);
                    }
                }, error -> onError.accept(emitter, error), emitter::complete);
        subscription.set(running);
        emitter.onCompletion(() -> dispose(subscription));
        emitter.onTimeout(() -> dispose(subscription));
        emitter.onError(e -> dispose(subscription));
        return emitter;
    }

    private static void dispose(AtomicReference<Disposable> subscription) {
        Disposable running = subscription.get();
        if (running != null) {
            running.dispose();
        }
    }
}
