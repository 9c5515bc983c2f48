package io.freshet.ingest.kafka;

import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.ExtractedDocument;
import io.freshet.contract.event.Topics;
import io.freshet.contract.pipeline.PoisonEventException;
import io.freshet.ingest.IngestMetrics;
import io.freshet.ingest.change.ChangeProcessor;
import io.freshet.ingest.extraction.ExtractionRejectedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * Kafka edge of the ingest stage: a change from {@link Topics#CHANGES} becomes an extracted document on
 * {@link Topics#EXTRACTED}. An upsert is first announced as PENDING on {@link Topics#STATUS}, so a user can
 * see it is on its way while it is parsed (or fetched, or OCRed). A document that cannot be extracted gets a
 * REJECTED status and is then dead-lettered (by the shared error handler) with the same reason.
 *
 * <p>Every publication waits for the broker's acknowledgement; when Kafka does not acknowledge, the
 * TransientFailureException makes the error handler retry the whole record later, so no status or event is
 * lost and none blocks forever.
 */
@Component
class ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);

    private final ChangeProcessor processor;
    private final EventCodec codec;
    private final EventPublisher publisher;
    private final IngestMetrics metrics;

    ChangeListener(ChangeProcessor processor, EventCodec codec, EventPublisher publisher, IngestMetrics metrics) {
        this.processor = processor;
        this.codec = codec;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @KafkaListener(id = "ingest-changes", topics = Topics.CHANGES, groupId = "${freshet.ingest.consumer-group:ingest-service}")
    void onChange(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            // The tombstone that follows a DELETE event only lets compaction forget the document.
            log.debug("Skipping tombstone for {} at {}-{}@{}", record.key(), record.topic(), record.partition(),
                    record.offset());
            return;
        }
        DocumentChange change;
        try {
            change = codec.readChange(record.value());
        } catch (PoisonEventException broken) {
            log.warn("Dead-lettering the record at {}-{}@{} (key {}): {}", record.topic(), record.partition(),
                    record.offset(), record.key(), broken.getMessage());
            throw broken;
        }
        if (!change.header().isDelete()) {
            // index-service keeps it only when the version is newer than what it holds: a replay cannot regress.
            publisher.publish(Topics.STATUS, change.id(), codec.write(new DocumentStatus(change.id(), change.version(),
                    DocumentState.PENDING, 0, null, Instant.now())));
        }
        long started = System.nanoTime();
        ExtractedDocument extracted;
        try {
            extracted = processor.apply(change);
        } catch (ExtractionRejectedException rejection) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            metrics.rejected(rejection.kind(), took);
            log.warn("Rejected document {} v{} from {}: {}", change.id(), change.version(), change.source(),
                    rejection.getMessage());
            publisher.publish(Topics.STATUS, change.id(),
                    codec.write(DocumentStatus.rejected(change.header(), rejection.getMessage(), Instant.now())));
            throw new PoisonEventException(rejection.getMessage(), rejection);
        }
        publisher.publish(Topics.EXTRACTED, change.id(), codec.write(extracted));
        if (change.header().isDelete()) {
            metrics.deleted();
            log.info("Deletion of {} v{} passed on", change.id(), change.version());
        } else {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            boolean truncated = extracted.document().metadata().containsKey(ChangeProcessor.TRUNCATED_METADATA_KEY);
            metrics.extracted(took, truncated);
            log.info("Extracted {} v{}: {} sections, {} characters in {} ms", change.id(), change.version(),
                    extracted.sections().size(), extracted.sections().stream().mapToInt(s -> s.text().length()).sum(),
                    took.toMillis());
        }
    }
}
