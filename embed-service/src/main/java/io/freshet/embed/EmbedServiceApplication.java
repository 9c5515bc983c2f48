package io.freshet.embed;

import io.freshet.contract.event.EventCodec;
import io.freshet.contract.opensearch.OpenSearchProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.freshet.embedding.EmbeddingModel;
import io.freshet.embedding.ModelTokenizer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** Consumes extracted documents, publishes their chunks with embeddings. */
@SpringBootApplication
@EnableConfigurationProperties(EmbedProperties.class)
public class EmbedServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(EmbedServiceApplication.class, args);
    }

    @Bean
    Chunker chunker(ModelTokenizer tokenizer, EmbedProperties properties) {
        return new Chunker(tokenizer, properties.chunkingPolicy());
    }

    @Bean
    DocumentEmbedder documentEmbedder(Chunker chunker, EmbeddingModel model, EmbedProperties properties) {
        return new DocumentEmbedder(chunker, model, properties.maxChunks());
    }

    @Bean
    IndexedContentLookup indexedContentLookup(OpenSearchClient client, OpenSearchProperties openSearch,
                                              CircuitBreakerRegistry breakers) {
        return new OpenSearchIndexedContentLookup(client, openSearch.statusIndex(), breakers.circuitBreaker("status-lookup"));
    }

    @Bean
    ChangeDetector changeDetector(IndexedContentLookup lookup, EmbedProperties properties) {
        return new ChangeDetector(lookup, properties.skipUnchanged(), properties.recentDocuments());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }
}
