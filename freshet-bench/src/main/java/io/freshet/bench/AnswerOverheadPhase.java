package io.freshet.bench;

import io.freshet.bench.BeirDataset.Query;
import io.freshet.infra.FakeChatModel;
import io.freshet.infra.ServiceStack;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What Freshet adds to a generated answer, the model's own time taken out. A second query-service, configured for
 * an OpenAI-compatible model, answers from the same index with {@link FakeChatModel} in this process: a real HTTP
 * server whose handling time per request is known, so an answer's latency minus it is Freshet's part (retrieval,
 * prompt, the HTTP call, the reply check). The shared query-service stays extractive, so the other phases measure
 * what they always did. Per question, in rotating order: /v1/search (retrieval alone, the baseline), /v1/answer and
 * /v1/answer/stream (time to the first token). A fallback makes the figures invalid and the report says so; it
 * fails the run only when nothing was generated at all (the set-up is broken, not slow).
 */
final class AnswerOverheadPhase {

    static final String NAME = "query-service-answers";
    private static final String FAKE_MODEL = "FakeChatModel on 127.0.0.1, OpenAI chat completions (whole and streamed in 4 pieces, "
            + "no delay): quotes source 1 and cites [1]";
    // Questions before the measured ones: the second query-service starts cold (the shared one is warm by now).
    private static final int WARMUP = 30;

    private final BenchContext context;
    private final BenchEnvironment environment;
    private final ProcessMonitor monitor;

    AnswerOverheadPhase(BenchContext context, BenchEnvironment environment, ProcessMonitor monitor) {
        this.context = context;
        this.environment = environment;
        this.monitor = monitor;
    }

    AnswerOverheadResult run() {
        List<Query> queries = context.data().shuffledQueries();
        int questions = context.options().answerRequests();
        long chunks = context.index().chunkCount();
        context.say("Starting a second query-service that answers with a local fake model (" + NAME + ".log) ...");
        try (FakeChatModel model = FakeChatModel.start(FakeChatModel.Protocol.OPENAI);
             ServiceStack answering = environment.startQueryService(NAME, modelArguments(model), monitor, context::say)) {
            ServiceClient client = new ServiceClient(answering.url(ServiceStack.QUERY).toString(),
                    environment.managementUrl(ServiceStack.INDEX), environment.userToken(), context::say);
            context.say("Generated answers at " + chunks + " chunks: " + questions + " questions, each to /v1/search, "
                    + "/v1/answer and /v1/answer/stream, after " + WARMUP + " for warm-up ...");
            AnswerOverhead warmup = new AnswerOverhead();
            for (int i = 0; i < WARMUP; i++) { // other questions than the measured ones where there are enough
                ask(client, model, queries.get((questions + i) % queries.size()).searchText(), i, warmup);
            }
            AnswerOverhead figures = new AnswerOverhead();
            for (int i = 0; i < questions; i++) {
                ask(client, model, queries.get(i % queries.size()).searchText(), i, figures);
            }
            AnswerOverheadResult result = figures.result(chunks, FAKE_MODEL, questions);
            report(result);
            return result;
        }
    }

    private void report(AnswerOverheadResult result) {
        context.say(String.format("  overhead (model excluded) p50 %s ms p99 %s ms; /v1/search p50 %s ms p99 %s ms; "
                        + "fake model p50 %s ms", result.overhead().p50(), result.overhead().p99(), result.search().p50(),
                result.search().p99(), result.model().p50()));
        context.say(String.format("  time to first token p50 %s ms p99 %s ms (client), p50 %s ms p99 %s ms (server)",
                result.firstTokenClient().p50(), result.firstTokenClient().p99(), result.firstTokenServer().p50(),
                result.firstTokenServer().p99()));
        context.say("  " + result.generated() + " answers generated, " + result.fallbacks() + " fallbacks "
                + result.fallbackReasons() + ", " + result.modelNotCalled() + " without a model call, " + result.errors()
                + " failed requests");
        if (result.errors() > 0) {
            context.fail(result.errors() + " requests of the generated-answer phase failed");
        }
        if (result.generated() == 0) {
            context.fail("no answer was generated with the local fake model (fallbacks: " + result.fallbackReasons()
                    + "; see " + NAME + ".log)");
        } else if (!result.valid()) {
            context.say("  INVALID: not every answer was generated; the figures mix in other paths");
        }
    }

    private static List<String> modelArguments(FakeChatModel model) {
        return List.of("--spring.ai.model.chat=openai", "--spring.ai.openai.base-url=" + model.baseUrl(),
                "--spring.ai.openai.api-key=x", "--spring.ai.openai.chat.model=fake-model");
    }

    /** One question to the three endpoints, starting with a different one each time so drift hits all alike. */
    private void ask(ServiceClient client, FakeChatModel model, String question, int turn, AnswerOverhead figures) {
        for (int k = 0; k < 3; k++) {
            try {
                switch ((turn + k) % 3) {
                    case 0 -> search(client, question, figures);
                    case 1 -> answer(client, model, question, figures);
                    default -> stream(client, model, question, figures);
                }
            } catch (RuntimeException e) {
                context.say("  request failed: " + e.getMessage());
                figures.failed();
            }
        }
    }

    private static void search(ServiceClient client, String question, AnswerOverhead figures) {
        long start = System.nanoTime();
        JsonHttp.Reply reply = client.search(Map.of("query", question, "topK", 5, "mode", "hybrid"));
        if (reply.ok()) {
            figures.searched((System.nanoTime() - start) / 1e6);
        } else {
            figures.failed();
        }
    }

    /** The model calls of this answer: the handling times recorded while it ran (one client, so they are its own). */
    private static void answer(ServiceClient client, FakeChatModel model, String question, AnswerOverhead figures) {
        int before = model.handlingTimes().size();
        long start = System.nanoTime();
        JsonHttp.Reply reply = client.answer(Map.of("question", question, "topK", 5));
        double millis = (System.nanoTime() - start) / 1e6;
        if (!reply.ok() || reply.json() == null) {
            figures.failed();
            return;
        }
        List<Duration> times = model.handlingTimes();
        figures.answered(millis, times.subList(before, times.size()), reply.json().path("mode").asString(""),
                text(reply.json().path("fallbackReason")));
    }

    private static void stream(ServiceClient client, FakeChatModel model, String question, AnswerOverhead figures) {
        int before = model.handlingTimes().size();
        AnswerStream.Result result = client.answerStream(Map.of("question", question, "topK", 5));
        if (!result.ok()) {
            figures.failed();
            return;
        }
        JsonNode done = result.done();
        JsonNode server = done.path("timeToFirstTokenMs");
        figures.streamed(result.firstTokenMs(), server.isNumber() ? server.asLong() : null,
                model.handlingTimes().size() - before, done.path("mode").asString(""), text(done.path("fallbackReason")));
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }
}
