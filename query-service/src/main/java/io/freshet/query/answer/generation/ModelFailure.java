package io.freshet.query.answer.generation;

import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.fasterxml.jackson.core.JacksonException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Why the model gave no usable answer. The answer then falls back to the extractive one; {@code kind} is what an
 * operator reads in the log and the metrics ({@code freshet.answer.fallbacks{reason}}).
 */
public final class ModelFailure extends RuntimeException {

    public enum Kind {
        /** No whole answer (or, streaming, no first token) within freshet.answer.generation.timeout. */
        TIMEOUT,
        /** The provider said 429; calls wait out its Retry-After. */
        RATE_LIMITED,
        /** A 5xx from the provider. */
        SERVER_ERROR,
        /** A 4xx other than 429: a wrong key, model name or request; retrying will not help. */
        REJECTED,
        /** Connection refused or reset, DNS, TLS. */
        UNREACHABLE,
        /** The circuit breaker is open after repeated failures: the provider is not called for a while. */
        BREAKER_OPEN,
        /** Too many model calls in flight: this one was not queued. */
        BUSY,
        /** A reply that could not be read, or an empty one. */
        BAD_REPLY
    }

    private final Kind kind;
    private final String retryAfter;

    public ModelFailure(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    private ModelFailure(Kind kind, String message, Throwable cause, String retryAfter) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    /** The provider's Retry-After header, if it sent one. */
    public String retryAfter() {
        return retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** The provider's HTTP status in {@code failure} or its causes, with the kind it means. */
    public static ModelFailure classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ModelFailure known) {
                return known;
            }
            Integer status = statusOf(t);
            if (status != null) {
                return ofStatus(status, failure);
            }
            if (t instanceof RejectedExecutionException) {
                return new ModelFailure(Kind.BUSY, "too many model calls in flight", failure);
            }
            if (t instanceof TimeoutException) {
                return new ModelFailure(Kind.TIMEOUT, "the model did not answer in time", failure);
            }
            if (t instanceof CallNotPermittedException) {
                return new ModelFailure(Kind.BREAKER_OPEN, "the model's circuit breaker is open", failure);
            }
            if (t instanceof JacksonException) {
                return new ModelFailure(Kind.BAD_REPLY, "the model's reply is not the provider's JSON: " + t.getMessage(), failure);
            }
            if (t instanceof OpenAIIoException || t instanceof AnthropicIoException || t instanceof IOException) {
                return new ModelFailure(Kind.UNREACHABLE, "the model could not be reached: " + t.getMessage(), failure);
            }
        }
        return new ModelFailure(Kind.BAD_REPLY, "the model's reply could not be used: " + failure, failure);
    }

    static ModelFailure ofStatus(int status, Throwable cause) {
        return ofStatus(status, null, cause);
    }

    /** A provider's HTTP error status, with its Retry-After header (null if none). */
    public static ModelFailure ofStatus(int status, String retryAfter, Throwable cause) {
        Kind kind = status == 429 ? Kind.RATE_LIMITED : status >= 500 ? Kind.SERVER_ERROR : Kind.REJECTED;
        return new ModelFailure(kind, "the model's provider answered HTTP " + status, cause, retryAfter);
    }

    private static Integer statusOf(Throwable t) {
        if (t instanceof OpenAIServiceException e) {
            return e.statusCode();
        }
        if (t instanceof AnthropicServiceException e) {
            return e.statusCode();
        }
        if (t instanceof RestClientResponseException e) {
            return e.getStatusCode().value();
        }
        if (t instanceof WebClientResponseException e) {
            return e.getStatusCode().value();
        }
        return null;
    }
}
