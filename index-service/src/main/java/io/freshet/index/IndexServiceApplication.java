package io.freshet.index;

import io.freshet.pipeline.opensearch.OpenSearchProperties;
import io.freshet.contract.event.EventCodec;
import io.freshet.index.model.ModelChange;
import io.freshet.index.model.ModelChangeProperties;
import io.freshet.index.model.ReplayWatermarks;
import io.freshet.index.model.ModelsEndpoint;
import io.freshet.pipeline.kafka.EventPublisher;
import io.freshet.pipeline.kafka.ModelDirectory;
import io.freshet.pipeline.opensearch.OpenSearchCalls;
import io.micrometer.core.instrument.MeterRegistry;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.apache.kafka.clients.admin.AdminClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;

/** Writes embedded documents into the OpenSearch k-NN index, replacing each document's chunks per version. */
@SpringBootApplication
@EnableConfigurationProperties({IndexProperties.class, ModelChangeProperties.class})
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

    /** Writes this service's model's indices, never the readers' aliases: another model's may be behind those. */
    @Bean
    OpenSearchIndexStore openSearchIndexStore(OpenSearchClient client, IndexBootstrap bootstrap, OpenSearchCalls calls) {
        return new OpenSearchIndexStore(client, bootstrap.chunkIndex(), bootstrap.statusIndex(), calls);
    }

    @Bean
    IndexedStatusFeed indexedStatusFeed(EventPublisher publisher, IndexProperties properties) {
        return new KafkaIndexedStatusFeed(publisher, properties.model());
    }

    @Bean
    DocumentResetEndpoint documentResetEndpoint(IndexLanes lanes, EventPublisher publisher) {
        return new DocumentResetEndpoint(lanes, publisher);
    }

    @Bean
    ModelDirectory modelDirectory(ConsumerFactory<String, String> consumers, EventCodec codec, IndexProperties properties) {
        return new ModelDirectory(consumers, codec, properties.model(), "index-models");
    }

    /** The configured model's lane (its beans above), and another model's when a model change needs it. */
    @Bean
    IndexLanes indexLanes(ModelDirectory models, IndexBootstrap bootstrap, OpenSearchIndexStore store, DocumentIndexer indexer,
                          OpenSearchClient client, OpenSearchProperties openSearch, IndexProperties properties,
                          OpenSearchCalls calls, IndexPlanner planner, EventPublisher publisher, IndexMetrics metrics,
                          Clock clock) {
        return new IndexLanes(models, new IndexLane(properties.model(), bootstrap, store, indexer), model -> {
            var laneBootstrap = new IndexBootstrap(client, openSearch, properties.forModel(model));
            var laneStore = new OpenSearchIndexStore(client, laneBootstrap.chunkIndex(), laneBootstrap.statusIndex(), calls);
            var laneIndexer = new DocumentIndexer(new IndexPlanner(properties.forModel(model).dimensions(), clock), laneStore,
                    new KafkaIndexedStatusFeed(publisher, model), metrics, clock);
            return new IndexLane(model, laneBootstrap, laneStore, laneIndexer);
        });
    }

    /** One Kafka admin client for the model change's offset checks, closed with the context. */
    @Bean(destroyMethod = "close")
    AdminClient modelChangeAdminClient(KafkaAdmin kafkaAdmin) {
        return AdminClient.create(kafkaAdmin.getConfigurationProperties());
    }

    @Bean
    ModelChange modelChange(IndexLanes lanes, ModelDirectory models, OpenSearchClient client, OpenSearchProperties openSearch,
                            EventPublisher publisher, ConsumerFactory<String, String> consumers,
                            KafkaTemplate<String, String> template, Clock clock, AdminClient modelChangeAdminClient,
                            ModelChangeProperties change, IndexProperties properties) {
        return new ModelChange(lanes, models, new IndexAdmin(client), openSearch, publisher, consumers, template, clock,
                () -> new ReplayWatermarks(modelChangeAdminClient, change.ingestGroup(), change.embedGroup(),
                        properties.consumerGroup()));
    }

    @Bean
    ModelsEndpoint modelsEndpoint(ModelChange change) {
        return new ModelsEndpoint(change);
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
