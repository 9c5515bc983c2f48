package io.freshet.embed;

import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.ExtractedDocument;
import io.freshet.contract.event.Topics;
import io.freshet.contract.pipeline.PoisonEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * The Kafka edge: reads an extracted document, embeds it, publishes the result. A bad record throws
 * PoisonEventException (dead-lettered by the shared error handler); Kafka being unavailable throws
 * TransientFailureException (retried until it is back).
 */
@Component
public class ExtractedDocumentListener {

    private static final Logger log = LoggerFactory.getLogger(ExtractedDocumentListener.class);

    private final EventCodec codec;
    private final DocumentEmbedder embedder;
    private final EmbeddedDocumentPublisher publisher;
    private final Counter chunksEmbedded;
    private final Timer embeddingTime;

    public ExtractedDocumentListener(EventCodec codec, DocumentEmbedder embedder, EmbeddedDocumentPublisher publisher,
                                     MeterRegistry meters) {
        this.codec = codec;
        this.embedder = embedder;
        this.publisher = publisher;
        this.chunksEmbedded = Counter.builder("freshet.embed.chunks")
                .description("Chunks embedded and published")
                .register(meters);
        this.embeddingTime = Timer.builder("freshet.embed.document.duration")
                .description("Time to chunk and embed one document (upserts only)")
                .publishPercentileHistogram()
                .register(meters);
    }

    @KafkaListener(topics = Topics.EXTRACTED, groupId = "${freshet.embed.consumer-group:embed-service}",
            concurrency = "${freshet.embed.listener-concurrency:1}")
    public void onExtracted(ConsumerRecord<String, String> record) {
        ExtractedDocument extracted = read(record);
        DocumentHeader header = extracted.document();
        if (header.isDelete()) {
            publisher.publish(embedder.apply(extracted));
            log.info("Passed on delete of document {} v{}", header.id(), header.version());
            return;
        }
        long started = System.nanoTime();
        EmbeddedDocument embedded = embedder.apply(extracted);
        long elapsed = System.nanoTime() - started;
        embeddingTime.record(elapsed, TimeUnit.NANOSECONDS);
        publisher.publish(embedded);
        chunksEmbedded.increment(embedded.chunks().size());
        log.info("Embedded document {} v{}: {} chunks in {} ms", header.id(), header.version(),
                embedded.chunks().size(), elapsed / 1_000_000);
    }

    private ExtractedDocument read(ConsumerRecord<String, String> record) {
        try {
            return codec.readExtracted(record.value());
        } catch (PoisonEventException e) {
            log.warn("Rejecting record {}-{}@{} (key {}) to {}: {}", record.topic(), record.partition(), record.offset(),
                    record.key(), Topics.deadLetter(record.topic()), e.getMessage());
            throw e;
        }
    }
}
