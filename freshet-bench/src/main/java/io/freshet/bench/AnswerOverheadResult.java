package io.freshet.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * What Freshet adds to a generated answer, the model's own time excluded: report.json's "generated_answer".
 * Only answers that were generated with a model call are timed; the others are counted.
 *
 * @param fakeModel           the model that answered: a local fake, whose own time is measured and taken out
 * @param questions           questions asked, each once to /v1/search, /v1/answer and /v1/answer/stream
 * @param overhead            /v1/answer latency minus the model's handling time: retrieval, prompt, the HTTP call
 *                            to the model, reply check, serialisation
 * @param search              /v1/search hybrid, topK 5, same questions: retrieval alone, the baseline
 * @param p50AddedToSearchMs  overhead p50 minus search p50: what prompt, model call and check add to retrieval
 * @param answer              /v1/answer latency, the model included
 * @param model               the fake model's handling time per /v1/answer
 * @param firstTokenClient    /v1/answer/stream, request sent to the first whole token event received
 * @param firstTokenServer    the same as query-service measures it (the done event's timeToFirstTokenMs)
 * @param generated           answers (whole and streamed) generated with a model call: the timed ones
 * @param fallbacks           answers that were not generated (extractive or extractive-fallback): any makes the
 *                            figures invalid, as they would time a path without the model
 * @param fallbackReasons     the fallbacks by reason
 * @param modelNotCalled      generated answers for which the model was not called (nothing relevant retrieved:
 *                            Freshet abstains), left out of the timings
 * @param errors              requests that failed (any endpoint)
 * @param valid               no fallback, no error, and at least one answer generated
 */
record AnswerOverheadResult(
        long chunks,
        String fakeModel,
        int questions,
        @JsonProperty("overhead_ms") LatencySummary overhead,
        @JsonProperty("search_ms") LatencySummary search,
        Double p50AddedToSearchMs,
        @JsonProperty("answer_ms") LatencySummary answer,
        @JsonProperty("model_ms") LatencySummary model,
        @JsonProperty("time_to_first_token_client_ms") LatencySummary firstTokenClient,
        @JsonProperty("time_to_first_token_server_ms") LatencySummary firstTokenServer,
        int generated,
        int fallbacks,
        Map<String, Integer> fallbackReasons,
        int modelNotCalled,
        int errors,
        boolean valid) {
}
