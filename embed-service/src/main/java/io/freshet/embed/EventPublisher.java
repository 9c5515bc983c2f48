package io.freshet.embed;

import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.Topics;
import io.freshet.contract.pipeline.PipelineKafkaProperties;
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
 * Publishes embed-service's output, keyed by document id: embedded documents on {@link Topics#EMBEDDED} and
 * rejections on {@link Topics#STATUS}. Returns only once the broker has acknowledged the event: the input
 * record must not be committed before its output is safe.
 */
@Component
public class EventPublisher {

    private final KafkaTemplate<String, String> kafka;
    private final EventCodec codec;
    private final EmbedProperties properties;
    private final int maxMessageBytes;

    public EventPublisher(KafkaTemplate<String, String> kafka, EventCodec codec, EmbedProperties properties,
                          PipelineKafkaProperties pipeline) {
        this.kafka = kafka;
        this.codec = codec;
        this.properties = properties;
        this.maxMessageBytes = pipeline.maxMessageBytes();
    }

    public void embedded(EmbeddedDocument embedded) {
        String json = codec.write(embedded);
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxMessageBytes) {
            throw tooLarge(embedded, bytes + " bytes");
        }
        String what = "embedded document " + embedded.document().id() + " v" + embedded.document().version();
        try {
            send(Topics.EMBEDDED, embedded.document().id(), json, what);
        } catch (RecordTooLargeException e) {
            throw tooLarge(embedded, bytes + " bytes (broker refused it)");
        }
    }

    public void status(DocumentStatus status) {
        send(Topics.STATUS, status.id(), codec.write(status), status.state() + " status of document " + status.id()
                + " v" + status.version());
    }

    private void send(String topic, String key, String json, String what) {
        try {
            kafka.send(topic, key, json).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("interrupted while publishing " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecordTooLargeException tooLarge) {
                throw tooLarge;
            }
            throw new TransientFailureException("Kafka did not accept " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new TransientFailureException("Kafka did not acknowledge " + what + " within " + properties.sendTimeout(), e);
        } catch (KafkaException e) {
            throw new TransientFailureException("cannot publish " + what + ": " + e.getMessage(), e);
        }
    }

    private static DocumentRejectedException tooLarge(EmbeddedDocument embedded, String size) {
        return new DocumentRejectedException("too large: the embedded event of document " + embedded.document().id()
                + " v" + embedded.document().version() + " with " + embedded.chunks().size() + " chunks is " + size
                + ", over the event size limit (freshet.kafka.max-message-bytes); lower freshet.embed.max-chunks");
    }
}
