package io.freshet.query;

import io.freshet.embedding.EmbeddingModel;
import io.freshet.embedding.EmbeddingProperties;
import io.freshet.embedding.OnnxEmbeddingModel;
import io.freshet.pipeline.opensearch.OpenSearchCalls;
import io.freshet.pipeline.opensearch.OpenSearchProperties;
import io.freshet.pipeline.opensearch.StatusRecords;
import io.freshet.query.answer.AnswerService;
import io.freshet.query.answer.Answerer;
import io.freshet.query.answer.ExtractiveAnswerer;
import io.freshet.query.answer.ModelSentenceSimilarity;
import io.freshet.query.answer.conversation.ConversationMemory;
import io.freshet.query.answer.conversation.ConversationProperties;
import io.freshet.query.answer.conversation.Conversations;
import io.freshet.query.answer.conversation.FollowUpRewriter;
import io.freshet.query.answer.feedback.FeedbackProperties;
import io.freshet.query.answer.feedback.FeedbackService;
import io.freshet.query.answer.feedback.RecentAnswers;
import io.freshet.query.answer.generation.GenerationProperties;
import io.freshet.pipeline.kafka.EventPublisher;
import io.freshet.query.answer.generation.GuardedChatModel;
import io.freshet.query.answer.generation.LanguageModel;
import io.freshet.query.answer.generation.RetryAfterGate;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import io.freshet.query.api.QueryMetrics;
import io.freshet.query.audit.AuditProperties;
import io.freshet.query.audit.QueryAudit;
import io.freshet.query.opensearch.OpenSearchChunkSearcher;
import io.freshet.query.opensearch.ServedIndex;
import io.freshet.query.retrieval.DocumentStatuses;
import io.freshet.query.retrieval.PassageIndex;
import io.freshet.query.retrieval.QueryVectors;
import io.freshet.query.retrieval.SearchService;
import io.freshet.query.retrieval.ServedModels;
import io.micrometer.core.instrument.MeterRegistry;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * Hybrid retrieval and grounded, cited answers over the passages each caller may read. Packages by role: api (HTTP),
 * retrieval (search and fusion behind the {@link PassageIndex} port), answer (answerers), opensearch (the adapters).
 */
@SpringBootApplication
@EnableConfigurationProperties({QueryProperties.class, AuditProperties.class, GenerationProperties.class,
        ConversationProperties.class, FeedbackProperties.class})
public class QueryServiceApplication {

    private static final Logger log = LoggerFactory.getLogger(QueryServiceApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApplication.class, args);
    }

    @Bean
    PassageIndex passageIndex(OpenSearchClient client, OpenSearchProperties openSearch, QueryProperties properties,
                              OpenSearchCalls calls) {
        var served = new ServedIndex(client, openSearch.chunkIndex(), properties.servedIndexCheck(), Clock.systemUTC());
        return new OpenSearchChunkSearcher(client, openSearch.chunkIndex(), properties.titleBoost(), calls, served);
    }

    /** The configured model, and the one a model change makes the served index hold, loaded when first needed. */
    @Bean(destroyMethod = "close")
    ServedModels servedModels(EmbeddingModel model, EmbeddingProperties embedding) {
        return new ServedModels(model, id -> OnnxEmbeddingModel.of(id, embedding));
    }

    @Bean
    DocumentStatuses documentStatuses(StatusRecords records) {
        return records::find;
    }

    @Bean
    SearchService searchService(PassageIndex index, ServedModels models, QueryProperties properties) {
        var vectors = new QueryVectors(models, properties.queryCache().maxEntries(), properties.queryCache().timeToLive());
        return new SearchService(index, vectors, properties.rankFusion(), properties.candidates(), properties.knnK());
    }

    @Bean
    Answerer answerer(ServedModels models, PassageIndex index, QueryProperties properties) {
        return new ExtractiveAnswerer(properties.answer().policy(),
                new ModelSentenceSimilarity(() -> models.get(index.served().model())));
    }

    /** The configured chat model behind its guards, or none (null) when spring.ai.model.chat is none. */
    @Bean
    LanguageModel languageModel(ObjectProvider<ChatModel> chatModel, GenerationProperties generation,
                                CircuitBreakerRegistry breakers) {
        ChatModel model = chatModel.getIfUnique();
        if (model == null) {
            log.info("No chat model configured (spring.ai.model.chat=none): answers are extractive");
            return null;
        }
        log.info("Answers are generated by {} (falling back to extractive answers on failure)",
                model.getClass().getSimpleName());
        return new GuardedChatModel(ChatClient.create(model), breakers.circuitBreaker("chat-model"),
                new RetryAfterGate(Clock.systemUTC(), generation.maxRetryAfter()), generation.timeout(),
                generation.concurrency());
    }

    @Bean
    AnswerService answerService(SearchService search, Answerer answerer, ObjectProvider<LanguageModel> languageModel,
                                GenerationProperties generation, QueryProperties properties, QueryMetrics metrics) {
        return new AnswerService(search, answerer, languageModel.getIfAvailable(), generation.promptSettings(),
                properties.answer().minCosine(), metrics::fallback);
    }

    @Bean
    Conversations conversations(ConversationProperties properties, ObjectProvider<LanguageModel> languageModel) {
        return new Conversations(new ConversationMemory(properties, Clock.systemUTC()),
                new FollowUpRewriter(languageModel.getIfAvailable()));
    }

    @Bean
    RecentAnswers recentAnswers(FeedbackProperties properties) {
        return new RecentAnswers(properties.recentAnswers(), properties.retention(), Clock.systemUTC());
    }

    @Bean
    FeedbackService feedbackService(RecentAnswers recentAnswers, EventPublisher publisher, GenerationProperties generation) {
        return new FeedbackService(recentAnswers, publisher, generation.promptSettings(), Clock.systemUTC());
    }

    @Bean
    QueryAudit queryAudit(AuditProperties properties) {
        return new QueryAudit(properties, Clock.systemUTC());
    }

    @Bean
    QueryMetrics queryMetrics(MeterRegistry registry) {
        return new QueryMetrics(registry);
    }
}
