package io.freshet.index;

import io.freshet.pipeline.opensearch.OpenSearchProperties;
import io.freshet.pipeline.kafka.EventPublisher;
import io.freshet.pipeline.opensearch.OpenSearchCalls;
import io.micrometer.core.instrument.MeterRegistry;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** Writes embedded documents into the OpenSearch k-NN index, replacing each document's chunks per version. */
@SpringBootApplication
@EnableConfigurationProperties(IndexProperties.class)
public class IndexServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(IndexServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IndexPlanner indexPlanner(IndexProperties properties, Clock clock) {
        return new IndexPlanner(properties.dimensions(), clock);
    }

    @Bean
    OpenSearchIndexStore openSearchIndexStore(OpenSearchClient client, OpenSearchProperties openSearch, OpenSearchCalls calls) {
        return new OpenSearchIndexStore(client, openSearch.chunkIndex(), openSearch.statusIndex(), calls);
    }

    @Bean
    IndexedStatusFeed indexedStatusFeed(EventPublisher publisher) {
        return new KafkaIndexedStatusFeed(publisher);
    }

    @Bean
    DocumentResetEndpoint documentResetEndpoint(OpenSearchIndexStore store, EventPublisher publisher) {
        return new DocumentResetEndpoint(store, publisher);
    }

    @Bean
    IndexMetrics indexMetrics(MeterRegistry registry) {
        return new IndexMetrics(registry);
    }

    @Bean
    DocumentIndexer documentIndexer(IndexPlanner planner, OpenSearchIndexStore store, IndexedStatusFeed feed,
                                    IndexMetrics metrics, Clock clock) {
        return new DocumentIndexer(planner, store, feed, metrics, clock);
    }

    @Bean
    IndexBootstrap indexBootstrap(OpenSearchClient client, OpenSearchProperties openSearch, IndexProperties properties) {
        return new IndexBootstrap(client, openSearch, properties);
    }

    @Bean
    IndicesHealthIndicator indicesHealthIndicator(IndexBootstrap bootstrap) {
        return new IndicesHealthIndicator(bootstrap);
    }
}
