package io.freshet.query.answer.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent turns of each caller's conversations, in memory and bounded: at most {@code maxConversations} (least
 * recently used dropped), {@code maxTurns} each, answers cut to {@link #MAX_ANSWER_CHARS}, forgotten after
 * {@code idleTimeout}. Keyed by owner and conversation id, so one caller can never read or extend another's
 * conversation by guessing its id. One instance per query-service: behind a load balancer, follow-ups need session
 * affinity or lose their context (the answer is then to the question as asked).
 */
public final class ConversationMemory {

    static final int MAX_ANSWER_CHARS = 1500;

    private record Key(String owner, String conversationId) {
    }

    private static final class Conversation {
        final Deque<Turn> turns = new ArrayDeque<>();
        Instant lastUsed;
    }

    private final int maxTurns;
    private final Duration idleTimeout;
    private final Clock clock;
    private final Map<Key, Conversation> conversations;

    public ConversationMemory(ConversationProperties properties, Clock clock) {
        this.maxTurns = properties.maxTurns();
        this.idleTimeout = properties.idleTimeout();
        this.clock = clock;
        int max = properties.maxConversations();
        this.conversations = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Conversation> eldest) {
                return size() > max;
            }
        };
    }

    /** The conversation's recent turns, oldest first; empty if unknown, expired or not this owner's. */
    public synchronized List<Turn> history(String owner, String conversationId) {
        Conversation conversation = conversations.get(new Key(owner, conversationId));
        if (conversation == null) {
            return List.of();
        }
        if (conversation.lastUsed.plus(idleTimeout).isBefore(clock.instant())) {
            conversations.remove(new Key(owner, conversationId));
            return List.of();
        }
        return List.copyOf(conversation.turns);
    }

    public synchronized void append(String owner, String conversationId, Turn turn) {
        Conversation conversation = conversations.computeIfAbsent(new Key(owner, conversationId), k -> new Conversation());
        String answer = turn.answer().length() > MAX_ANSWER_CHARS ? turn.answer().substring(0, MAX_ANSWER_CHARS) : turn.answer();
        conversation.turns.addLast(new Turn(turn.question(), answer));
        while (conversation.turns.size() > maxTurns) {
            conversation.turns.removeFirst();
        }
        conversation.lastUsed = clock.instant();
    }

    public synchronized int size() {
        return conversations.size();
    }
}
