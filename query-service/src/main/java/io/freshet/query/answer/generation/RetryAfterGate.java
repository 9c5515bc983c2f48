package io.freshet.query.answer.generation;

import com.anthropic.errors.AnthropicServiceException;
import com.openai.errors.OpenAIServiceException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Honours a provider's 429: until its Retry-After has passed, answers do not call the model at all (they fall back
 * at once, flagged rate_limited) instead of adding to the load that made it refuse. A 429 without Retry-After
 * holds calls for {@link #DEFAULT_HOLD}; a Retry-After beyond the configured maximum is capped.
 */
public final class RetryAfterGate {

    static final Duration DEFAULT_HOLD = Duration.ofSeconds(1);

    private final Clock clock;
    private final Duration maxHold;
    private final AtomicReference<Instant> closedUntil = new AtomicReference<>(Instant.MIN);

    public RetryAfterGate(Clock clock, Duration maxHold) {
        this.clock = clock;
        this.maxHold = maxHold;
    }

    /** @throws ModelFailure (RATE_LIMITED) while a Retry-After is running */
    public void check() {
        Instant until = closedUntil.get();
        if (clock.instant().isBefore(until)) {
            throw new ModelFailure(ModelFailure.Kind.RATE_LIMITED,
                    "the model's provider asked to wait until " + until + " (429 Retry-After)", null);
        }
    }

    /** Notes a failure: a 429 closes the gate for its Retry-After. */
    public void record(Throwable failure) {
        if (ModelFailure.classify(failure).kind() != ModelFailure.Kind.RATE_LIMITED) {
            return;
        }
        Duration hold = retryAfterHeader(failure).flatMap(v -> parse(v, clock.instant())).orElse(DEFAULT_HOLD);
        hold(hold);
    }

    /** Closes the gate for {@code hold} (capped), unless it is already closed for longer. */
    public void hold(Duration hold) {
        Duration capped = hold.compareTo(maxHold) > 0 ? maxHold : hold;
        Instant until = clock.instant().plus(capped);
        closedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3); empty if it is neither. */
    static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException absurd) {
                return Optional.of(Duration.ofDays(1)); // more digits than a long: capped by the caller
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    private static Optional<String> retryAfterHeader(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            List<String> values = null;
            if (t instanceof ModelFailure e && e.retryAfter() != null) {
                values = List.of(e.retryAfter());
            } else if (t instanceof OpenAIServiceException e) {
                values = e.headers().values("Retry-After");
            } else if (t instanceof AnthropicServiceException e) {
                values = e.headers().values("Retry-After");
            } else if (t instanceof RestClientResponseException e && e.getResponseHeaders() != null) {
                values = e.getResponseHeaders().get("Retry-After");
            } else if (t instanceof WebClientResponseException e) {
                values = e.getHeaders().get("Retry-After");
            }
            if (values != null && !values.isEmpty()) {
                return Optional.of(values.get(0));
            }
        }
        return Optional.empty();
    }
}
