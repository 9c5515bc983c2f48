package io.freshet.embed;

import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.ExtractedDocument;
import io.freshet.contract.event.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka edge: reads an extracted document, embeds it unless the index already holds its text, publishes
 * the result. A bad record throws PoisonEventException (dead-lettered by the shared error handler); a
 * document this service rejects is also reported REJECTED on the status topic; Kafka being unavailable
 * throws TransientFailureException (retried until it is back).
 */
@Component
public class ExtractedDocumentListener {

    private static final Logger log = LoggerFactory.getLogger(ExtractedDocumentListener.class);

    private final EventCodec codec;
    private final DocumentEmbedder embedder;
    private final ChangeDetector changes;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Counter chunksEmbedded;
    private final Timer embeddingTime;
    private final MeterRegistry meters;

    public ExtractedDocumentListener(EventCodec codec, DocumentEmbedder embedder, ChangeDetector changes,
                                     EventPublisher publisher, Clock clock, MeterRegistry meters) {
        this.codec = codec;
        this.embedder = embedder;
        this.changes = changes;
        this.publisher = publisher;
        this.clock = clock;
        this.meters = meters;
        this.chunksEmbedded = Counter.builder("freshet.embed.chunks")
                .description("Chunks embedded and published")
                .register(meters);
        this.embeddingTime = Timer.builder("freshet.embed.document.duration")
                .description("Time to chunk and embed one document (upserts only)")
                .publishPercentileHistogram()
                .register(meters);
    }

    @KafkaListener(topics = Topics.EXTRACTED, groupId = "${freshet.embed.consumer-group:embed-service}",
            concurrency = "${freshet.embed.listener-concurrency:2}")
    public void onExtracted(ConsumerRecord<String, String> record) {
        ExtractedDocument extracted = codec.readExtracted(record.value());
        DocumentHeader header = extracted.document();
        if (header.isDelete()) {
            publisher.embedded(embedder.apply(extracted));
            changes.published(header, null);
            count("deleted");
            log.info("document {} v{}: delete passed on", header.id(), header.version());
            return;
        }
        ChangeDetector.Decision decision = changes.assess(extracted);
        switch (decision.outcome()) {
            case STALE -> {
                count("stale");
                log.info("document {} v{}: not embedded, {}", header.id(), header.version(), decision.reason());
            }
            case UNCHANGED -> {
                publisher.embedded(EmbeddedDocument.unchanged(header, extracted.contentHash()));
                changes.published(header, extracted.contentHash());
                count("unchanged");
                log.info("document {} v{}: text unchanged, not embedded again: {}", header.id(), header.version(),
                        decision.reason());
            }
            case EMBED -> embed(extracted, decision);
        }
    }

    private void embed(ExtractedDocument extracted, ChangeDetector.Decision decision) {
        DocumentHeader header = extracted.document();
        try {
            long started = System.nanoTime();
            EmbeddedDocument embedded = embedder.apply(extracted);
            long elapsed = System.nanoTime() - started;
            embeddingTime.record(elapsed, TimeUnit.NANOSECONDS);
            publisher.embedded(embedded);
            changes.published(header, extracted.contentHash());
            chunksEmbedded.increment(embedded.chunks().size());
            count("embedded");
            log.info("document {} v{}: embedded {} chunks in {} ms ({})", header.id(), header.version(),
                    embedded.chunks().size(), elapsed / 1_000_000, decision.reason());
        } catch (DocumentRejectedException e) {
            // The user finds the reason in GET /v1/documents/{id}; the record itself goes to the dead-letter topic.
            publisher.status(DocumentStatus.rejected(header, e.getMessage(), clock.instant()));
            changes.published(header, null);
            count("rejected");
            log.warn("document {} v{}: rejected, {}", header.id(), header.version(), e.getMessage());
            throw e;
        }
    }

    private void count(String outcome) {
        Counter.builder("freshet.embed.documents")
                .description("Extracted documents handled, by outcome")
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}
