package io.freshet.connectors;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.Content;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.Operation;
import io.freshet.contract.failure.PoisonEventException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeRecordsTest {

    private final ChangeRecords records = new ChangeRecords("freshet.documents.changes");
    private final Map<String, ?> partition = Map.of("p", 1);
    private final Map<String, ?> offset = Map.of("o", "x");

    @Test
    void anUpsertIsOneRecordKeyedByTheDocumentIdCarryingTheContractJson() {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        DocumentChange change = new DocumentChange(new DocumentHeader("folder:a.txt", "folder", 7, Operation.UPSERT,
                "A", "file:///a.txt", null, Map.of("path", "a.txt"), Acl.publicAcl(), at), Content.ofText("hello"));

        List<SourceRecord> out = records.of(change, partition, offset);

        assertThat(out).hasSize(1);
        SourceRecord record = out.get(0);
        assertThat(record.topic()).isEqualTo("freshet.documents.changes");
        assertThat(record.key()).isEqualTo("folder:a.txt");
        assertThat(record.timestamp()).isEqualTo(at.toEpochMilli());
        assertThat(record.sourceOffset()).isEqualTo(offset);
        DocumentChange read = new EventCodec().readChange((String) record.value());
        assertThat(read.header().version()).isEqualTo(7);
        assertThat(read.content().text()).isEqualTo("hello");
    }

    @Test
    void aDeleteIsFollowedByItsTombstoneAtTheSamePosition() {
        List<SourceRecord> out = records.of(DocumentChange.delete("folder:a.txt", "folder", 8, Instant.now()),
                partition, offset);

        assertThat(out).hasSize(2);
        assertThat(new EventCodec().readChange((String) out.get(0).value()).isDelete()).isTrue();
        assertThat(out.get(1).key()).isEqualTo("folder:a.txt");
        assertThat(out.get(1).value()).isNull();
        assertThat(out.get(1).sourceOffset()).isEqualTo(offset);
    }

    @Test
    void aChangeThePipelineWouldDeadLetterIsRefusedAtTheSourceWithTheContractsReason() {
        DocumentChange forged = DocumentChange.delete("folder:a\nforged log line", "folder", 1, Instant.now());

        assertThatThrownBy(() -> records.of(forged, partition, offset))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("control characters");
    }
}
