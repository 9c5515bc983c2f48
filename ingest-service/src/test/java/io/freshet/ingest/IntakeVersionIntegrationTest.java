package io.freshet.ingest;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.Content;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.DocumentState;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.Topics;
import io.freshet.contract.index.StatusIndex;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Refresh;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake against a real status index: a change the pipeline would ignore is answered 409 with the recorded
 * version instead of 202, and a DELETE without a version deletes the recorded one (never a clock reading that would
 * outrank every later version of a connector that counts 1, 2, 3).
 */
class IntakeVersionIntegrationTest extends IntakeIntegrationTest {

    @Autowired
    OpenSearchClient openSearch;

    @Test
    void aChangeOlderThanTheRecordedVersionIs409WithThatVersionAndIsNotPublished() throws Exception {
        String id = uniqueId("recorded");
        record(id, SOURCE, 5, DocumentState.INDEXED);

        JsonNode problem = assertProblem(post(codec.write(upsertAt(id, 2)), asConnector()), 409);
        assertThat(problem.get("recordedVersion").asLong()).isEqualTo(5);
        assertProblem(delete(id + "?source=" + SOURCE + "&version=4", asConnector()), 409);
        assertNothingPublished(Set.of(id));

        assertThat(post(codec.write(upsertAt(id, 6)), asConnector()).statusCode()).isEqualTo(202);
        assertThat(post(codec.write(upsertAt(id, 6)), asConnector()).statusCode()).as("a retry").isEqualTo(202);
    }

    @Test
    void aDeleteWithoutVersionDeletesTheRecordedVersion() throws Exception {
        String id = uniqueId("unversioned-delete");
        record(id, SOURCE, 3, DocumentState.INDEXED);

        HttpResponse<String> response = delete(id + "?source=" + SOURCE, asConnector());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json.readTree(response.body()).get("version").asLong()).isEqualTo(3);
        ConsumerRecord<String, String> published = topics().awaitOne(
                r -> on(r, Topics.CHANGES, id) && r.value() != null, WAIT);
        assertThat(codec.readChange(published.value()).header().version()).isEqualTo(3);
    }

    @Test
    void aDeleteWithoutVersionOfNothingRecordedIs404() throws Exception {
        String id = uniqueId("never-recorded");

        JsonNode problem = assertProblem(delete(id + "?source=" + SOURCE, asConnector()), 404);

        assertThat(problem.get("detail").asString()).contains("?version=");
        assertNothingPublished(Set.of(id));
    }

    @Test
    void anotherSourcesDocumentIs409WithoutItsVersion() throws Exception {
        String id = uniqueId("sharepoints");
        record(id, "sharepoint", 7, DocumentState.INDEXED);

        JsonNode problem = assertProblem(post(codec.write(upsertAt(id, 9_007_199_254_740_991L)), asConnector()), 409);

        assertThat(problem.has("recordedVersion")).isFalse();
        assertProblem(delete(id + "?source=" + SOURCE, asConnector()), 404);
        assertNothingPublished(Set.of(id));
    }

    private DocumentChange upsertAt(String id, long version) {
        DocumentChange change = upsert(id, "Title", "text/plain", Content.ofText("Some text."));
        return new DocumentChange(new io.freshet.contract.event.DocumentHeader(id, SOURCE, version, change.header().op(),
                change.header().title(), change.header().url(), change.header().contentType(), change.header().metadata(),
                change.header().acl(), change.header().occurredAt()), change.content());
    }

    /** The record index-service would have written for the document. */
    private void record(String id, String source, long version, DocumentState state) throws Exception {
        var status = new DocumentStatus(id, version, state, 1, null, "h", Instant.now(), source, Acl.publicAcl());
        openSearch.index(i -> i.index(STATUS_INDEX).id(id).document(StatusIndex.toSource(status)).refresh(Refresh.True));
    }
}
