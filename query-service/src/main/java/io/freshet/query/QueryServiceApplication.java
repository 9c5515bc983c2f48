package io.freshet.query;

import io.freshet.contract.opensearch.OpenSearchProperties;
import io.freshet.embedding.EmbeddingModel;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Hybrid retrieval and grounded, cited answers over the passages each caller may read. */
@SpringBootApplication
@EnableConfigurationProperties(QueryProperties.class)
public class QueryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApplication.class, args);
    }

    @Bean
    OpenSearchCalls openSearchCalls(CircuitBreakerRegistry breakers) {
        return new OpenSearchCalls(breakers.circuitBreaker("opensearch"));
    }

    @Bean
    OpenSearchChunkSearcher openSearchChunkSearcher(OpenSearchClient client, OpenSearchProperties openSearch,
                                                    QueryProperties properties, OpenSearchCalls calls) {
        return new OpenSearchChunkSearcher(client, openSearch.chunkIndex(), properties.titleBoost(), calls);
    }

    @Bean
    OpenSearchStatusReader openSearchStatusReader(OpenSearchClient client, OpenSearchProperties openSearch, OpenSearchCalls calls) {
        return new OpenSearchStatusReader(client, openSearch.statusIndex(), calls);
    }

    @Bean
    SearchService searchService(OpenSearchChunkSearcher searcher, EmbeddingModel model, QueryProperties properties) {
        return new SearchService(searcher, model, properties.rankFusion(), properties.candidates(),
                properties.knnK());
    }

    @Bean
    AnswerService answerService(SearchService search, EmbeddingModel model, QueryProperties properties) {
        return new AnswerService(search, new ExtractiveAnswerer(properties.answer().policy(), new ModelSentenceSimilarity(model)));
    }

    @Bean
    QueryMetrics queryMetrics(MeterRegistry registry) {
        return new QueryMetrics(registry);
    }
}
