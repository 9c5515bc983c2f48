package io.freshet.query.answer.generation;

import reactor.core.publisher.Flux;

/**
 * A generative model behind Freshet's guards: every failure, timeout included, surfaces as a {@link ModelFailure}
 * within the configured time, so the caller can fall back instead of hanging.
 */
public interface LanguageModel {

    /** The whole reply. @throws ModelFailure when there is none in time */
    String complete(String system, String user);

    /**
     * The reply as it is written. Errors (first token or next token not in time included) are {@link ModelFailure}s;
     * cancelling the subscription cancels the provider call.
     */
    Flux<String> stream(String system, String user);
}
