package io.freshet.connectors;

import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.EventCodec;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;

import java.util.List;
import java.util.Map;

/**
 * The one way a connector turns a {@link DocumentChange} into Connect records: keyed by the document id, the value
 * the contract's JSON (the worker's StringConverter writes it as is), and a DELETE followed by its tombstone, as
 * docs/events.md asks, so compaction forgets the document. Every change is read back through the pipeline's own
 * codec first: what ingest would dead-letter is refused here, at the source, with the same reason.
 */
public final class ChangeRecords {

    private final EventCodec codec = new EventCodec();
    private final String topic;

    public ChangeRecords(String topic) {
        this.topic = topic;
    }

    /**
     * The records of one change. Both records of a delete carry the same source position: Connect commits it only
     * once every record before it is written.
     *
     * @throws io.freshet.contract.failure.PoisonEventException when the change breaks the contract (the reason says how)
     */
    public List<SourceRecord> of(DocumentChange change, Map<String, ?> sourcePartition, Map<String, ?> sourceOffset) {
        String json = codec.write(change);
        codec.readChange(json);
        String id = change.header().id();
        Long timestamp = change.header().occurredAt() == null ? null : change.header().occurredAt().toEpochMilli();
        SourceRecord record = new SourceRecord(sourcePartition, sourceOffset, topic, null, Schema.STRING_SCHEMA, id,
                Schema.STRING_SCHEMA, json, timestamp);
        if (!change.isDelete()) {
            return List.of(record);
        }
        SourceRecord tombstone = new SourceRecord(sourcePartition, sourceOffset, topic, null, Schema.STRING_SCHEMA, id,
                Schema.OPTIONAL_STRING_SCHEMA, null, timestamp);
        return List.of(record, tombstone);
    }

    public String topic() {
        return topic;
    }
}
