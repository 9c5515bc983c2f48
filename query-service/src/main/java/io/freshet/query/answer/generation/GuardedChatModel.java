package io.freshet.query.answer.generation;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spring AI's {@link ChatClient} behind the guards a hosted model needs: a deadline (the provider's own timeout may be
 * longer), a circuit breaker (resilience4j instance {@code chat-model}), the provider's 429 Retry-After
 * ({@link RetryAfterGate}) and a bound on calls in flight. Provider retries are off in application.yml: a retry
 * that outlasts the deadline only adds load.
 */
public final class GuardedChatModel implements LanguageModel, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GuardedChatModel.class);

    private final ChatClient client;
    private final CircuitBreaker breaker;
    private final RetryAfterGate gate;
    private final Duration timeout;
    private final Semaphore inFlight;
    private final ExecutorService calls;

    public GuardedChatModel(ChatClient client, CircuitBreaker breaker, RetryAfterGate gate, Duration timeout,
                            int concurrency) {
        this.client = client;
        this.breaker = breaker;
        this.gate = gate;
        this.timeout = timeout;
        this.inFlight = new Semaphore(concurrency);
        AtomicInteger threads = new AtomicInteger();
        // Blocking calls run here so that the deadline holds whatever the provider's HTTP client does; a call
        // abandoned at its deadline keeps its thread until the provider's own timeout, so the pool is bounded too.
        this.calls = new ThreadPoolExecutor(0, concurrency * 2, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "chat-model-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String complete(String system, String user) {
        admit();
        try {
            acquireBreakerPermission();
            long started = System.nanoTime();
            try {
                String reply = await(calls.submit(() -> client.prompt().system(system).user(user).call().content()));
                if (reply == null || reply.isBlank()) {
                    throw new ModelFailure(ModelFailure.Kind.BAD_REPLY, "the model replied with no text", null);
                }
                breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                return reply;
            } catch (RuntimeException e) {
                throw failed(e, started);
            }
        } finally {
            inFlight.release();
        }
    }

    @Override
    public Flux<String> stream(String system, String user) {
        return Flux.defer(() -> {
            admit();
            try {
                acquireBreakerPermission();
            } catch (RuntimeException e) {
                inFlight.release();
                throw e;
            }
            long started = System.nanoTime();
            Mono<Long> deadline = Mono.delay(timeout);
            return client.prompt().system(system).user(user).stream().content()
                    .timeout(deadline, token -> Mono.delay(timeout))
                    .doOnComplete(() -> breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                    .onErrorMap(e -> failed(e, started))
                    .doOnCancel(breaker::releasePermission)
                    .doFinally(signal -> inFlight.release());
        }).onErrorMap(ModelFailure::classify);
    }

    private void admit() {
        gate.check();
        if (!inFlight.tryAcquire()) {
            throw new ModelFailure(ModelFailure.Kind.BUSY, "too many model calls in flight", null);
        }
    }

    private void acquireBreakerPermission() {
        try {
            breaker.acquirePermission();
        } catch (CallNotPermittedException open) {
            throw ModelFailure.classify(open);
        }
    }

    private String await(Future<String> reply) {
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reply.cancel(true);
            throw new ModelFailure(ModelFailure.Kind.TIMEOUT, "no answer from the model within " + timeout, e);
        } catch (ExecutionException e) {
            throw ModelFailure.classify(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.cancel(true);
            throw new ModelFailure(ModelFailure.Kind.TIMEOUT, "interrupted while waiting for the model", e);
        } catch (RejectedExecutionException e) {
            throw new ModelFailure(ModelFailure.Kind.BUSY, "too many model calls in flight", e);
        }
    }

    private ModelFailure failed(Throwable error, long started) {
        ModelFailure failure = ModelFailure.classify(error);
        if (failure.kind() != ModelFailure.Kind.BREAKER_OPEN && failure.kind() != ModelFailure.Kind.BUSY) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, failure);
        }
        gate.record(error);
        log.warn("Model call failed ({}): {}; answering extractively", failure.reason(), failure.getMessage());
        return failure;
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
