package io.freshet.query.answer.conversation;

import io.freshet.query.access.Caller;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationsTest {

    private static final Caller BOB = Caller.authenticated("bob", List.of("sales"));
    private static final Caller ANN = Caller.authenticated("ann", List.of("hr"));

    private static class TickingClock extends Clock {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TickingClock clock = new TickingClock();
    private final ConversationMemory memory = new ConversationMemory(new ConversationProperties(2, 3, Duration.ofHours(1)), clock);
    private final Conversations conversations = new Conversations(memory, new FollowUpRewriter(null));

    @Test
    void aFollowUpThatRefersBackIsSearchedWithThePreviousQuestion() {
        var first = conversations.prepare(BOB, null, "How much does the Starter plan cost?");
        assertThat(first.conversationId()).isNotBlank();
        assertThat(first.rewritten()).isFalse();
        conversations.remember(BOB, first, "USD 29 per user per month [1].");

        var followUp = conversations.prepare(BOB, first.conversationId(), "And the Team plan?");
        assertThat(followUp.standaloneQuestion()).isEqualTo("How much does the Starter plan cost? And the Team plan?");
        assertThat(conversations.prepare(BOB, first.conversationId(), "Team plan?").standaloneQuestion())
                .as("a fragment").isEqualTo("How much does the Starter plan cost? Team plan?");
        assertThat(conversations.prepare(BOB, first.conversationId(), "How long is it?").rewritten()).as("'it'").isTrue();
        var standalone = conversations.prepare(BOB, first.conversationId(), "When does the cafeteria open?");
        assertThat(standalone.rewritten()).as("a short question of its own is left alone").isFalse();
    }

    @Test
    void aConversationIsItsOwnersOnlyAndAnonymousCallersHaveNone() {
        var bobs = conversations.prepare(BOB, "shared-id", "How much does the Starter plan cost?");
        conversations.remember(BOB, bobs, "USD 29 [1].");

        assertThat(conversations.prepare(ANN, "shared-id", "And the Team plan?").rewritten()).isFalse();
        var anonymous = conversations.prepare(Caller.anonymous(), "shared-id", "And the Team plan?");
        assertThat(anonymous.rewritten()).isFalse();
        assertThat(anonymous.conversationId()).isNull();
        conversations.remember(Caller.anonymous(), anonymous, "anything");
        assertThat(memory.size()).isEqualTo(1);
    }

    @Test
    void memoryIsBoundedInConversationsTurnsAndTime() {
        for (int i = 0; i < 5; i++) {
            memory.append("bob", "c1", new Turn("question " + i, "x".repeat(10_000)));
        }
        List<Turn> turns = memory.history("bob", "c1");
        assertThat(turns).extracting(Turn::question).containsExactly("question 2", "question 3", "question 4");
        assertThat(turns.get(0).answer()).hasSize(ConversationMemory.MAX_ANSWER_CHARS);

        memory.append("bob", "c2", new Turn("q", "a"));
        memory.append("bob", "c3", new Turn("q", "a"));
        assertThat(memory.size()).isEqualTo(2);
        assertThat(memory.history("bob", "c1")).as("least recently used, forgotten").isEmpty();

        clock.now = clock.now.plus(Duration.ofHours(2));
        assertThat(memory.history("bob", "c3")).as("idle too long").isEmpty();
    }
}
