package io.freshet.embed;

import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The read model's bookkeeping; reading it from the real broker is in EmbedServiceIntegrationTest. */
class KafkaIndexedStatusViewTest {

    private final KafkaIndexedStatusView view = new KafkaIndexedStatusView(null, new EventCodec(), 2);

    @Test
    void anOlderStatusNeverReplacesANewerOne() {
        view.accept(status("d", 3, "c"));
        view.accept(status("d", 2, "b"));

        assertThat(view.find("d")).get().extracting(DocumentStatus::version, DocumentStatus::contentHash)
                .containsExactly(3L, "c");
    }

    @Test
    void pastItsCapacityTheLeastRecentlyUsedDocumentIsForgottenAndReasonsAreNotKept() {
        view.accept(new DocumentStatus("a", 1, DocumentState.REJECTED, 0, "a long reason", null, Instant.EPOCH));
        view.accept(status("b", 1, "b"));
        view.find("a");
        view.accept(status("c", 1, "c"));

        assertThat(view.find("b")).isEmpty();
        assertThat(view.find("a")).get().extracting(DocumentStatus::reason).isNull();
        assertThat(view.size()).isEqualTo(2);
        assertThat(view.caughtUp()).as("not started: nothing read yet").isFalse();
    }

    @Test
    void aTombstoneForgetsTheDocumentAsAnOperatorsResetDid() {
        view.read(new ConsumerRecord<>(Topics.INDEXED, 0, 0L, "d", codec().write(status("d", 3, "c"))));
        view.read(new ConsumerRecord<>(Topics.INDEXED, 0, 1L, "d", null));

        assertThat(view.find("d")).as("nothing of it is indexed any more: its next text must be embedded").isEmpty();
    }

    private static EventCodec codec() {
        return new EventCodec();
    }

    private static DocumentStatus status(String id, long version, String hash) {
        return new DocumentStatus(id, version, DocumentState.INDEXED, 2, null, hash, Instant.EPOCH);
    }
}
