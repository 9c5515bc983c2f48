package io.freshet.query.answer.conversation;

/** One exchange of a conversation: what was asked (as asked) and what was answered. */
public record Turn(String question, String answer) {
}
