package io.freshet.embed;

import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.Topics;
import io.freshet.contract.pipeline.PipelineKafkaProperties;
import io.freshet.contract.pipeline.PoisonEventException;
import io.freshet.contract.pipeline.TransientFailureException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes an embedded document on {@link Topics#EMBEDDED}, keyed by document id, and returns only once
 * the broker has acknowledged it: the input record must not be committed before its output is safe.
 */
@Component
public class EmbeddedDocumentPublisher {

    private final KafkaTemplate<String, String> kafka;
    private final EventCodec codec;
    private final EmbedProperties properties;
    private final int maxMessageBytes;

    public EmbeddedDocumentPublisher(KafkaTemplate<String, String> kafka, EventCodec codec, EmbedProperties properties,
                                     PipelineKafkaProperties pipeline) {
        this.kafka = kafka;
        this.codec = codec;
        this.properties = properties;
        this.maxMessageBytes = pipeline.maxMessageBytes();
    }

    public void publish(EmbeddedDocument embedded) {
        String id = embedded.document().id();
        String json = codec.write(embedded);
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxMessageBytes) {
            throw tooLarge(embedded, bytes + " bytes");
        }
        try {
            kafka.send(Topics.EMBEDDED, id, json).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("interrupted while publishing document " + id, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecordTooLargeException) {
                throw tooLarge(embedded, bytes + " bytes (broker refused it)");
            }
            throw new TransientFailureException("Kafka did not accept embedded document " + id + " v"
                    + embedded.document().version() + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new TransientFailureException("Kafka did not acknowledge embedded document " + id + " v"
                    + embedded.document().version() + " within " + properties.sendTimeout(), e);
        } catch (KafkaException e) {
            throw new TransientFailureException("cannot publish embedded document " + id + ": " + e.getMessage(), e);
        }
    }

    private static PoisonEventException tooLarge(EmbeddedDocument embedded, String size) {
        return new PoisonEventException("embedded document " + embedded.document().id() + " v" + embedded.document().version()
                + " with " + embedded.chunks().size() + " chunks is " + size
                + ", over the event size limit (freshet.kafka.max-message-bytes); lower freshet.embed.max-chunks");
    }
}
