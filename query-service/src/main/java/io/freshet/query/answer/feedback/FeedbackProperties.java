package io.freshet.query.answer.feedback;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Feedback on answers ({@code POST /v1/feedback}).
 *
 * @param recentAnswers answers remembered for feedback at once (each holds its passages: about 10 kB)
 * @param retention     how long after an answer feedback on it is taken
 */
@Validated
@ConfigurationProperties("freshet.answer.feedback")
public record FeedbackProperties(
        @Min(0) @Max(1_000_000) @DefaultValue("10000") int recentAnswers,
        @NotNull @DefaultValue("24h") Duration retention) {
}
