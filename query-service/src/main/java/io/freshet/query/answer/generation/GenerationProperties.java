package io.freshet.query.answer.generation;

import io.freshet.query.answer.grounding.PromptSettings;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Generated answers. Which model answers (provider, model name, temperature, endpoint, key) is Spring AI's own
 * configuration ({@code spring.ai.model.chat}, {@code spring.ai.openai.*}, {@code spring.ai.ollama.*},
 * {@code spring.ai.anthropic.*}); with {@code spring.ai.model.chat=none}, the default, the extractive answerer answers.
 *
 * @param style            tone and format for the model ("Answer in two short paragraphs, formally."): a fine-tuned
 *                         model may need none. It comes after the grounding rules and cannot lift them.
 * @param language         the answer language ("German"); blank answers in the question's language
 * @param contextTokens    the model's context window, in tokens
 * @param replyTokens      what the reply may take of it; the prompt gets the rest (passages are cut by rank)
 * @param timeout          longest wait for a whole answer (and, streaming, for the first token); past it the
 *                         extractive answer is given instead, flagged extractive-fallback
 * @param concurrency      model calls in flight at once; one more falls back at once rather than queueing
 * @param maxRetryAfter    the longest a provider's 429 Retry-After is honoured (a bogus "one day" is capped)
 */
@Validated
@ConfigurationProperties("freshet.answer.generation")
public record GenerationProperties(
        @NotNull @DefaultValue("") @Size(max = 4000) String style,
        @NotNull @DefaultValue("") @Size(max = 40) String language,
        @Min(512) @Max(2_000_000) @DefaultValue("8192") int contextTokens,
        @Min(64) @Max(200_000) @DefaultValue("1024") int replyTokens,
        @NotNull @DefaultValue("20s") Duration timeout,
        @Min(1) @Max(512) @DefaultValue("16") int concurrency,
        @NotNull @DefaultValue("10m") Duration maxRetryAfter) {

    @AssertTrue(message = "reply-tokens must leave at least 256 tokens of context-tokens for the prompt")
    boolean isPromptRoomLeft() {
        return contextTokens - replyTokens >= 256;
    }

    @AssertTrue(message = "timeout must be between 1s and 10m")
    boolean isTimeoutSane() {
        return timeout != null && timeout.compareTo(Duration.ofSeconds(1)) >= 0 && timeout.compareTo(Duration.ofMinutes(10)) <= 0;
    }

    public PromptSettings promptSettings() {
        return new PromptSettings(style, language, contextTokens - replyTokens);
    }
}
