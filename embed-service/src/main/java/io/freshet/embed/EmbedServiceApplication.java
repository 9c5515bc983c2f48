package io.freshet.embed;

import io.freshet.contract.event.EventCodec;
import io.freshet.embedding.EmbeddingModel;
import io.freshet.embedding.EmbeddingProperties;
import io.freshet.embedding.HuggingFaceModelTokenizer;
import io.freshet.embedding.ModelSpec;
import io.freshet.embedding.ModelTokenizer;
import io.freshet.embedding.OnnxEmbeddingModel;
import io.freshet.pipeline.kafka.EventPublisher;
import io.freshet.pipeline.kafka.ModelDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ConsumerFactory;

import java.time.Clock;

/** Consumes extracted documents, publishes their chunks with embeddings. */
@SpringBootApplication
@EnableConfigurationProperties(EmbedProperties.class)
public class EmbedServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(EmbedServiceApplication.class, args);
    }

    @Bean
    Chunker chunker(ModelTokenizer tokenizer, EmbeddingModel model, EmbedProperties properties) {
        return new Chunker(tokenizer, EmbedStages.policyFor(model, properties.chunkingPolicy()));
    }

    @Bean
    DocumentEmbedder documentEmbedder(Chunker chunker, EmbeddingModel model, EmbedProperties properties) {
        return new DocumentEmbedder(chunker, model, properties.maxChunks());
    }

    @Bean
    ModelDirectory modelDirectory(ConsumerFactory<String, String> consumers, EventCodec codec, EmbeddingModel model) {
        return new ModelDirectory(consumers, codec, model.id(), "embed-models");
    }

    @Bean
    KafkaIndexedStatusView indexedStatusView(ConsumerFactory<String, String> consumers, EventCodec codec,
                                             EmbedProperties properties) {
        return new KafkaIndexedStatusView(consumers, codec, properties.readModelCapacity());
    }

    @Bean
    IndexedStatusViewHealthIndicator indexedStatusViewHealthIndicator(KafkaIndexedStatusView view) {
        return new IndexedStatusViewHealthIndicator(view);
    }

    @Bean
    EmbedStage embedStage(KafkaIndexedStatusView view, DocumentEmbedder embedder, EventPublisher publisher,
                          EmbedProperties properties, MeterRegistry meters) {
        return stage(view, embedder, publisher, properties, meters);
    }

    /** The configured model's stage, and another model's (its weights and tokenizer loaded) when a model change needs it. */
    @Bean
    EmbedStages embedStages(ModelDirectory models, EmbedStage configured, KafkaIndexedStatusView view,
                            EventPublisher publisher, EmbedProperties properties, EmbeddingProperties embedding,
                            MeterRegistry meters) {
        return new EmbedStages(models, configured, id -> {
            OnnxEmbeddingModel model = OnnxEmbeddingModel.of(id, embedding);
            var chunker = new Chunker(new HuggingFaceModelTokenizer(ModelSpec.of(id)),
                    EmbedStages.policyFor(model, properties.chunkingPolicy()));
            return stage(view, new DocumentEmbedder(chunker, model, properties.maxChunks()), publisher, properties, meters);
        });
    }

    private static EmbedStage stage(KafkaIndexedStatusView view, DocumentEmbedder embedder, EventPublisher publisher,
                                    EmbedProperties properties, MeterRegistry meters) {
        return new EmbedStage(new EmbedDecider(properties.skipUnchanged()), view,
                new PublishedTexts(properties.recentDocuments()), embedder, new KafkaEmbedOutput(publisher),
                Clock.systemUTC(), meters);
    }
}
