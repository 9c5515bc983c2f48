package io.freshet.query.answer;

/** What a streamed answer emits: pieces of text as the model writes them, then the checked whole. */
public sealed interface AnswerEvent {

    record Token(String text) implements AnswerEvent {
    }

    /** The answer as checked: its text replaces the streamed tokens (invented markers removed, renumbered). */
    record Final(AnswerOutcome outcome) implements AnswerEvent {
    }
}
