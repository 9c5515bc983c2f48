package io.freshet.index;

import io.freshet.pipeline.kafka.DocumentLogContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

import java.util.ArrayList;
import java.util.List;

/**
 * One observation per record of a batch, each continuing the trace its record's headers carry (W3C traceparent): the
 * batch listener's counterpart of what spring-kafka does for a record listener, so a document's trace reaches the index
 * write. Each span covers the record from the poll to the end of the batch's bulk write.
 */
final class RecordTraces implements EventScope {

    static final String OBSERVATION = "freshet.index.write";

    private final List<ConsumerRecord<String, String>> records;
    private final List<Observation> observations;

    private RecordTraces(List<ConsumerRecord<String, String>> records, List<Observation> observations) {
        this.records = records;
        this.observations = observations;
    }

    static RecordTraces start(List<ConsumerRecord<String, String>> records, ObservationRegistry registry, String listenerId) {
        var observations = new ArrayList<Observation>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            Observation observation = Observation.createNotStarted(OBSERVATION,
                            () -> new KafkaRecordReceiverContext(record, listenerId, () -> null), registry)
                    .contextualName(record.topic() + " index")
                    .start();
            observations.add(observation);
        }
        return new RecordTraces(records, observations);
    }

    /** The record's trace and document id in the logging context (events are decoded from the records in order). */
    @Override
    public EventScope.Open open(int eventIndex) {
        Observation.Scope scope = observations.get(eventIndex).openScope();
        String key = records.get(eventIndex).key();
        MDC.MDCCloseable document = key == null ? null : DocumentLogContext.open(key);
        return () -> {
            if (document != null) {
                document.close();
            }
            scope.close();
        };
    }

    /** Ends every span; the record at {@code failedIndex} (or none, -1) with the failure. */
    void stop(int failedIndex, Throwable failure) {
        for (int i = 0; i < observations.size(); i++) {
            if (i == failedIndex && failure != null) {
                observations.get(i).error(failure);
            }
            observations.get(i).stop();
        }
    }
}
