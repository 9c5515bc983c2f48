package io.freshet.query.answer.conversation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Follow-up questions ({@code conversationId}).
 *
 * @param maxConversations conversations remembered at once (least recently used forgotten first)
 * @param maxTurns         recent exchanges a follow-up is read against
 * @param idleTimeout      a conversation unused this long is forgotten
 */
@Validated
@ConfigurationProperties("freshet.answer.conversation")
public record ConversationProperties(
        @Min(0) @Max(10_000_000) @DefaultValue("10000") int maxConversations,
        @Min(1) @Max(50) @DefaultValue("6") int maxTurns,
        @NotNull @DefaultValue("1h") Duration idleTimeout) {
}
