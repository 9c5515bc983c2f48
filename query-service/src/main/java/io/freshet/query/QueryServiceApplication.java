package io.freshet.query;

import io.freshet.embedding.EmbeddingModel;
import io.freshet.pipeline.opensearch.OpenSearchCalls;
import io.freshet.pipeline.opensearch.OpenSearchProperties;
import io.freshet.pipeline.opensearch.StatusRecords;
import io.freshet.query.answer.AnswerService;
import io.freshet.query.answer.Answerer;
import io.freshet.query.answer.ExtractiveAnswerer;
import io.freshet.query.answer.ModelSentenceSimilarity;
import io.freshet.query.api.QueryMetrics;
import io.freshet.query.audit.AuditProperties;
import io.freshet.query.audit.QueryAudit;
import io.freshet.query.opensearch.OpenSearchChunkSearcher;
import io.freshet.query.retrieval.DocumentStatuses;
import io.freshet.query.retrieval.PassageIndex;
import io.freshet.query.retrieval.SearchService;
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
@EnableConfigurationProperties({QueryProperties.class, AuditProperties.class})
public class QueryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApplication.class, args);
    }

    @Bean
    PassageIndex passageIndex(OpenSearchClient client, OpenSearchProperties openSearch, QueryProperties properties,
                              OpenSearchCalls calls) {
        return new OpenSearchChunkSearcher(client, openSearch.chunkIndex(), properties.titleBoost(), calls);
    }

    @Bean
    DocumentStatuses documentStatuses(StatusRecords records) {
        return records::find;
    }

    @Bean
    SearchService searchService(PassageIndex index, EmbeddingModel model, QueryProperties properties) {
        return new SearchService(index, model, properties.rankFusion(), properties.candidates(), properties.knnK());
    }

    @Bean
    Answerer answerer(EmbeddingModel model, QueryProperties properties) {
        return new ExtractiveAnswerer(properties.answer().policy(), new ModelSentenceSimilarity(model));
    }

    @Bean
    AnswerService answerService(SearchService search, Answerer answerer) {
        return new AnswerService(search, answerer);
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
