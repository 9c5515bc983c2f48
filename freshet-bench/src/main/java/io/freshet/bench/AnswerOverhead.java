package io.freshet.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answers phase's figures as they come in. An answer counts only when it was generated with a model call: a
 * fallback would time the extractive path instead, an abstention skips prompt and model; both are counted, not timed.
 */
final class AnswerOverhead {

    static final String GENERATED = "generated";

    private final List<Double> overhead = new ArrayList<>();
    private final List<Double> search = new ArrayList<>();
    private final List<Double> answer = new ArrayList<>();
    private final List<Double> model = new ArrayList<>();
    private final List<Double> firstTokenClient = new ArrayList<>();
    private final List<Double> firstTokenServer = new ArrayList<>();
    private final Map<String, Integer> fallbackReasons = new TreeMap<>();
    private int generated;
    private int fallbacks;
    private int modelNotCalled;
    private int errors;

    void searched(double millis) {
        search.add(millis);
    }

    /** A whole answer: its latency on the client, the handling times of the model calls it made, and its mode. */
    void answered(double clientMillis, List<Duration> modelCalls, String mode, String fallbackReason) {
        if (!timed(mode, fallbackReason, modelCalls.size())) {
            return;
        }
        double modelMillis = modelCalls.stream().mapToLong(Duration::toNanos).sum() / 1e6;
        answer.add(clientMillis);
        model.add(modelMillis);
        overhead.add(clientMillis - modelMillis);
    }

    /** A streamed answer: its first token as the client saw it and as the server reports it. */
    void streamed(Double clientFirstTokenMillis, Long serverFirstTokenMillis, int modelCalls, String mode, String fallbackReason) {
        boolean complete = clientFirstTokenMillis != null && serverFirstTokenMillis != null;
        if (GENERATED.equals(mode) && modelCalls > 0 && !complete) {
            errors++; // generated, yet without a token event or its time: a broken stream
            return;
        }
        if (!timed(mode, fallbackReason, modelCalls)) {
            return;
        }
        firstTokenClient.add(clientFirstTokenMillis);
        firstTokenServer.add(serverFirstTokenMillis.doubleValue());
    }

    void failed() {
        errors++;
    }

    /** Whether the answer is to be timed, counting it by what it was. */
    private boolean timed(String mode, String fallbackReason, int modelCalls) {
        if (!GENERATED.equals(mode)) {
            fallbacks++;
            fallbackReasons.merge(fallbackReason == null ? String.valueOf(mode) : fallbackReason, 1, Integer::sum);
            return false;
        }
        if (modelCalls == 0) {
            modelNotCalled++;
            return false;
        }
        generated++;
        return true;
    }

    AnswerOverheadResult result(long chunks, String fakeModel, int questions) {
        LatencySummary overheadSummary = new LatencySample(overhead).summary();
        LatencySummary searchSummary = new LatencySample(search).summary();
        Double added = overheadSummary.p50() == null || searchSummary.p50() == null ? null
                : Report.round(overheadSummary.p50() - searchSummary.p50(), 1);
        return new AnswerOverheadResult(chunks, fakeModel, questions, overheadSummary, searchSummary, added,
                new LatencySample(answer).summary(), new LatencySample(model).summary(),
                new LatencySample(firstTokenClient).summary(), new LatencySample(firstTokenServer).summary(),
                generated, fallbacks, new TreeMap<>(fallbackReasons), modelNotCalled, errors,
                fallbacks == 0 && errors == 0 && generated > 0);
    }
}
