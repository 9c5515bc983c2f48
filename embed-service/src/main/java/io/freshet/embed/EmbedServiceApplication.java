package io.freshet.embed;

import io.freshet.contract.event.EventCodec;
import io.freshet.embedding.EmbeddingModel;
import io.freshet.embedding.ModelTokenizer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

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
    EventCodec eventCodec() {
        return new EventCodec();
    }
}
