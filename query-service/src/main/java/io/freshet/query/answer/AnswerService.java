package io.freshet.query.answer;

import io.freshet.query.access.Caller;
import io.freshet.query.answer.generation.LanguageModel;
import io.freshet.query.answer.generation.ModelFailure;
import io.freshet.query.answer.grounding.CheckedReply;
import io.freshet.query.answer.grounding.GroundedPrompt;
import io.freshet.query.answer.grounding.PromptPlan;
import io.freshet.query.answer.grounding.PromptSettings;
import io.freshet.query.answer.grounding.ReplyCheck;
import io.freshet.query.retrieval.FusedHit;
import io.freshet.query.retrieval.SearchMode;
import io.freshet.query.retrieval.SearchResult;
import io.freshet.query.retrieval.SearchService;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.function.Consumer;

/**
 * Retrieves the caller's best passages (hybrid, through the one permission point in {@link SearchService}) and
 * answers from them: with the language model when one is configured, else extractively. A model that fails in any
 * way is replaced by the extractive answer, flagged {@link AnswerMode#EXTRACTIVE_FALLBACK}; when nothing retrieved
 * is relevant the model is not called at all.
 */
public class AnswerService {

    private final SearchService search;
    private final Answerer extractive;
    private final LanguageModel model;
    private final PromptSettings promptSettings;
    private final double minCosine;
    private final Consumer<String> fallbacks;

    /**
     * @param model     null when no provider is configured
     * @param minCosine the relevance floor ({@link Relevance})
     * @param fallbacks told the reason of each fallback (metrics)
     */
    public AnswerService(SearchService search, Answerer extractive, LanguageModel model, PromptSettings promptSettings,
                         double minCosine, Consumer<String> fallbacks) {
        this.search = search;
        this.extractive = extractive;
        this.model = model;
        this.promptSettings = promptSettings;
        this.minCosine = minCosine;
        this.fallbacks = fallbacks;
    }

    /** Extractive only: no model. */
    public AnswerService(SearchService search, Answerer extractive) {
        this(search, extractive, null, new PromptSettings("", "", 4096), -1, reason -> { });
    }

    public boolean generates() {
        return model != null;
    }

    public AnswerOutcome answer(String question, int topK, Caller caller) {
        Retrieved retrieved = retrieve(question, topK, caller);
        if (model == null) {
            return extractive(retrieved, AnswerMode.EXTRACTIVE, null);
        }
        if (!(plan(retrieved) instanceof PromptPlan.Ask ask)) {
            return abstention(retrieved);
        }
        GroundedPrompt prompt = ask.prompt();
        try {
            return generated(retrieved, prompt, ReplyCheck.check(model.complete(prompt.system(), prompt.user()), prompt));
        } catch (ModelFailure failure) {
            return fallback(retrieved, failure);
        }
    }

    /** The answer as it is written: {@link AnswerEvent.Token}s, then one {@link AnswerEvent.Final}. */
    public Flux<AnswerEvent> stream(String question, int topK, Caller caller) {
        return Mono.fromCallable(() -> retrieve(question, topK, caller)).flatMapMany(retrieved -> {
            if (model == null) {
                return extractiveStream(extractive(retrieved, AnswerMode.EXTRACTIVE, null));
            }
            if (!(plan(retrieved) instanceof PromptPlan.Ask ask)) {
                return extractiveStream(abstention(retrieved));
            }
            GroundedPrompt prompt = ask.prompt();
            var written = new StringBuilder();
            return model.stream(prompt.system(), prompt.user())
                    .doOnNext(written::append)
                    .<AnswerEvent>map(AnswerEvent.Token::new)
                    .concatWith(Mono.fromCallable(() -> new AnswerEvent.Final(
                            generated(retrieved, prompt, ReplyCheck.check(written.toString(), prompt)))))
                    .onErrorResume(ModelFailure.class, failure -> {
                        // Tokens already sent are replaced by the final event's text.
                        AnswerOutcome fallback = fallback(retrieved, failure);
                        return written.isEmpty() ? extractiveStream(fallback) : Flux.just(new AnswerEvent.Final(fallback));
                    });
        });
    }

    private record Retrieved(String question, float[] queryVector, List<Evidence> evidence) {
    }

    private Retrieved retrieve(String question, int topK, Caller caller) {
        SearchResult result = search.search(question, topK, SearchMode.HYBRID, caller);
        return new Retrieved(question, result.queryVector(), result.hits().stream().map(AnswerService::evidence).toList());
    }

    private PromptPlan plan(Retrieved retrieved) {
        if (!Relevance.anyRelevant(retrieved.evidence(), minCosine)) {
            return new PromptPlan.Abstain(PromptPlan.Reason.NO_EVIDENCE);
        }
        return GroundedPrompt.plan(retrieved.question(), retrieved.evidence(), promptSettings);
    }

    private AnswerOutcome extractive(Retrieved retrieved, AnswerMode mode, String fallbackReason) {
        Answer answer = extractive.answer(retrieved.question(), retrieved.queryVector(), retrieved.evidence());
        return new AnswerOutcome(retrieved.question(), answer, retrieved.evidence(), mode, List.of(), 0, fallbackReason, null);
    }

    private AnswerOutcome fallback(Retrieved retrieved, ModelFailure failure) {
        fallbacks.accept(failure.reason());
        return extractive(retrieved, AnswerMode.EXTRACTIVE_FALLBACK, failure.reason());
    }

    private AnswerOutcome abstention(Retrieved retrieved) {
        return new AnswerOutcome(retrieved.question(), dontKnow(), retrieved.evidence(), AnswerMode.GENERATED, List.of(), 0,
                null, null);
    }

    private AnswerOutcome generated(Retrieved retrieved, GroundedPrompt prompt, CheckedReply checked) {
        Answer answer = checked.answer().grounded() ? checked.answer() : dontKnow();
        return new AnswerOutcome(retrieved.question(), answer, retrieved.evidence(), AnswerMode.GENERATED,
                checked.uncitedSentences(), checked.inventedCitations(), null,
                new AnswerOutcome.ModelPrompt(prompt.system(), prompt.user()));
    }

    private static Answer dontKnow() {
        return new Answer(ExtractiveAnswerer.DONT_KNOW, false, List.of());
    }

    private static Flux<AnswerEvent> extractiveStream(AnswerOutcome outcome) {
        return Flux.just(new AnswerEvent.Token(outcome.answer().answer()), new AnswerEvent.Final(outcome));
    }

    private static Evidence evidence(FusedHit hit) {
        return new Evidence(hit.passage().documentId(), hit.passage().title(), hit.passage().url(), hit.passage().text(),
                hit.score(), hit.cosine(), hit.passage().page(), hit.passage().origin());
    }
}
