package io.freshet.query.answer.conversation;

import io.freshet.query.access.Caller;

import java.util.List;
import java.util.UUID;

/**
 * Follow-up questions: each caller's conversations ({@link ConversationMemory}) and the rewriting of a follow-up into
 * a standalone question ({@link FollowUpRewriter}). An anonymous caller has no conversations: anonymous callers are
 * indistinguishable, so a remembered turn could be read by the next one.
 */
public final class Conversations {

    /** A question ready for retrieval: in which conversation, and as it stands alone. */
    public record Prepared(String conversationId, String question, String standaloneQuestion) {

        public boolean rewritten() {
            return !standaloneQuestion.equals(question);
        }
    }

    private final ConversationMemory memory;
    private final FollowUpRewriter rewriter;

    public Conversations(ConversationMemory memory, FollowUpRewriter rewriter) {
        this.memory = memory;
        this.rewriter = rewriter;
    }

    /** @param conversationId the client's, or null to start one */
    public Prepared prepare(Caller caller, String conversationId, String question) {
        String owner = owner(caller);
        if (owner == null) {
            return new Prepared(null, question, question);
        }
        String id = conversationId == null ? UUID.randomUUID().toString() : conversationId;
        return new Prepared(id, question, rewriter.standalone(question, memory.history(owner, id)));
    }

    /** A question with its history given by the client (the chat completions facade): nothing is remembered. */
    public String standalone(String question, List<Turn> history) {
        return rewriter.standalone(question, history);
    }

    public void remember(Caller caller, Prepared prepared, String answer) {
        String owner = owner(caller);
        if (owner != null && prepared.conversationId() != null) {
            memory.append(owner, prepared.conversationId(), new Turn(prepared.question(), answer));
        }
    }

    private static String owner(Caller caller) {
        return caller.authenticated() && caller.user() != null ? caller.user() : null;
    }
}
