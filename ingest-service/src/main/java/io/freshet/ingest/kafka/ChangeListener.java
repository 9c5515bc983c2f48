package io.freshet.ingest.kafka;

import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.Topics;
import io.freshet.contract.failure.PoisonEventException;
import io.freshet.ingest.IngestProperties;
import io.freshet.ingest.change.IngestStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Kafka edge of the ingest stage: decodes a change from {@link Topics#CHANGES} and hands it to the stage. A
 * record that breaks the contract throws PoisonEventException and is dead-lettered by the shared error handler.
 */
@Component
class ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);

    private final EventCodec codec;
    private final IngestStage stage;
    private final IngestProperties properties;

    ChangeListener(EventCodec codec, IngestStage stage, IngestProperties properties) {
        this.codec = codec;
        this.stage = stage;
        this.properties = properties;
    }

    /** Read by the annotation below ({@code __listener} is this bean): the default lives in IngestProperties only. */
    public IngestProperties getProperties() {
        return properties;
    }

    /**
     * Changes, and changes replayed for one embedding model's new indices ({@link Topics#REPLAY}, the model in the
     * record's header): those are extracted for that model alone.
     */
    @KafkaListener(id = "ingest-changes", topics = {Topics.CHANGES, Topics.REPLAY},
            groupId = "#{__listener.properties.consumerGroup()}")
    void onChange(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            // The tombstone that follows a DELETE event only lets compaction forget the document.
            log.debug("Skipping tombstone for {} at {}-{}@{}", record.key(), record.topic(), record.partition(),
                    record.offset());
            return;
        }
        String forModel = null;
        if (Topics.REPLAY.equals(record.topic())) {
            Header model = record.headers().lastHeader(Topics.MODEL_HEADER);
            if (model == null) {
                throw new PoisonEventException("a replayed change must name its model in the header " + Topics.MODEL_HEADER);
            }
            forModel = new String(model.value(), StandardCharsets.UTF_8);
        }
        stage.handle(codec.readChange(record.value()), forModel);
    }
}
