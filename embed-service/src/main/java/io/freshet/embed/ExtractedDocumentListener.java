package io.freshet.embed;

import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.ExtractedDocument;
import io.freshet.contract.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The Kafka edge: decodes an extracted document and hands it to the stage. A bad record throws
 * PoisonEventException (dead-lettered by the shared error handler); Kafka unavailable throws
 * TransientFailureException (retried until it is back).
 */
@Component
public class ExtractedDocumentListener {

    private final EventCodec codec;
    private final EmbedStages stages;
    private final EmbedProperties properties;

    public ExtractedDocumentListener(EventCodec codec, EmbedStages stages, EmbedProperties properties) {
        this.codec = codec;
        this.stages = stages;
        this.properties = properties;
    }

    /** Read by the annotation below ({@code __listener} is this bean): the defaults live in EmbedProperties only. */
    public EmbedProperties getProperties() {
        return properties;
    }

    @KafkaListener(id = "embed-extracted", topics = Topics.EXTRACTED, groupId = "#{__listener.properties.consumerGroup()}",
            concurrency = "#{__listener.properties.listenerConcurrency()}")
    public void onExtracted(ConsumerRecord<String, String> record) {
        ExtractedDocument extracted = codec.readExtracted(record.value());
        for (EmbedStage stage : stages.forDocument(extracted)) {
            stage.handle(extracted);
        }
    }
}
