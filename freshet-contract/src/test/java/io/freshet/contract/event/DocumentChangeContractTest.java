package io.freshet.contract.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.freshet.contract.failure.PoisonEventException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON Schema in docs/events.md and the codec the services use must agree on what a valid change is. */
class DocumentChangeContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA;

    static {
        try (InputStream in = DocumentChangeContractTest.class.getResourceAsStream("/io/freshet/contract/document-change.schema.json")) {
            SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final EventCodec codec = new EventCodec();

    @ParameterizedTest
    @ValueSource(strings = {"upsert-text.json", "upsert-base64.json", "upsert-uri.json", "delete.json"})
    void validExamplesPassTheSchemaAndTheCodec(String example) throws IOException {
        String json = resource("/events/" + example);

        assertThat(schemaErrors(json)).isEmpty();
        DocumentChange change = codec.readChange(json);
        assertThat(change.header().id()).isNotBlank();
        assertThat(schemaErrors(codec.write(change))).as("what the codec writes is valid too").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing-id.json", "two-contents.json", "upsert-without-content.json", "bad-op.json", "string-version.json",
            "control-character-id.json", "overlong-id.json", "too-much-metadata.json", "overlong-principal.json"})
    void invalidExamplesAreRejectedByBoth(String example) throws IOException {
        String json = resource("/invalid/" + example);

        assertThat(schemaErrors(json)).isNotEmpty();
        assertThatThrownBy(() -> codec.readChange(json))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageStartingWith("contract violation");
    }

    @Test
    void anIdThatWouldForgeALogLineIsRefusedWithoutEchoingIt() throws IOException {
        assertThatThrownBy(() -> codec.readChange(resource("/invalid/control-character-id.json")))
                .isInstanceOf(PoisonEventException.class)
                .hasMessage("contract violation: 'id' must not contain control characters (newlines, tabs, NUL...)");
    }

    @Test
    void fieldsAtTheirLimitsAreAccepted() throws IOException {
        String json = "{\"id\": \"" + "i".repeat(ChangeLimits.MAX_ID_CHARS) + "\", \"version\": 1, \"op\": \"UPSERT\", "
                + "\"title\": \"" + "t".repeat(ChangeLimits.MAX_TITLE_CHARS) + "\", \"content\": {\"text\": \"x\"}, "
                + "\"acl\": {\"public\": false, \"principals\": [\"" + "p".repeat(ChangeLimits.MAX_PRINCIPAL_CHARS) + "\"]}}";

        assertThat(codec.readChange(json).header().id()).hasSize(ChangeLimits.MAX_ID_CHARS);
        assertThat(schemaErrors(json)).isEmpty();
    }

    @Test
    void malformedJsonIsPoisonWithAReason() {
        assertThatThrownBy(() -> codec.readChange("{\"id\": \"a\", "))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> codec.readChange(""))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void readsEveryField() throws IOException {
        DocumentChange change = codec.readChange(resource("/events/upsert-text.json"));

        assertThat(change.header().op()).isEqualTo(Operation.UPSERT);
        assertThat(change.header().version()).isEqualTo(3);
        assertThat(change.header().source()).isEqualTo("cms");
        assertThat(change.content().text()).startsWith("# Travel");
        assertThat(change.header().metadata()).containsEntry("department", "finance");
        assertThat(change.header().acl().isPublic()).isFalse();
        assertThat(change.header().acl().principals()).containsExactly("group:employees");
        assertThat(change.header().occurredAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
    }

    @Test
    void aMissingAclIsPrivateNotPublic() throws IOException {
        DocumentChange change = codec.readChange("{\"id\":\"a\",\"version\":1,\"op\":\"DELETE\"}");

        assertThat(change.header().acl().isPublic()).isFalse();
        assertThat(change.header().acl().permits(Set.of("alice"))).isFalse();
    }

    @Test
    void laterStagesRoundTrip() {
        var header = new DocumentHeader("d1", "cms", 5, Operation.UPSERT, "T", "https://x/d1", "text/plain",
                Map.of("k", "v"), Acl.restrictedTo("group:hr"), Instant.parse("2026-01-01T00:00:00Z"));
        var embedded = new EmbeddedDocument(header, "abc", "bge", List.of(
                new EmbeddedChunk(0, "hello", 2, "attachment: a.pdf", new float[] {0.5f, -0.25f})));

        EmbeddedDocument back = codec.readEmbedded(codec.write(embedded));

        assertThat(back.document()).isEqualTo(header);
        assertThat(back.chunks()).hasSize(1);
        assertThat(back.chunks().get(0).vector()).containsExactly(0.5f, -0.25f);
        assertThat(back.chunks().get(0).origin()).isEqualTo("attachment: a.pdf");
        assertThat(codec.readExtracted(codec.write(new ExtractedDocument(header, "h", List.of(TextSection.of("x")))))
                .sections()).containsExactly(TextSection.of("x"));
    }

    @Test
    void contentUnchangedIsOptionalInJsonAndRoundTrips() {
        var header = new DocumentHeader("d1", "cms", 6, Operation.UPSERT, "T2", null, null, Map.of(),
                Acl.publicAcl(), null);

        String full = codec.write(new EmbeddedDocument(header, "abc", "bge", List.of()));
        assertThat(full).as("false is left out, so the JSON is what it was before the field existed")
                .doesNotContain("contentUnchanged");
        assertThat(codec.readEmbedded(full).contentUnchanged()).isFalse();
        assertThat(codec.readEmbedded("{\"document\":{\"id\":\"d1\",\"version\":6,\"op\":\"UPSERT\"},\"chunks\":[]}")
                .contentUnchanged()).as("an event written before the field existed").isFalse();

        EmbeddedDocument unchanged = codec.readEmbedded(codec.write(EmbeddedDocument.unchanged(header, "abc")));
        assertThat(unchanged.contentUnchanged()).isTrue();
        assertThat(unchanged.contentHash()).isEqualTo("abc");
        assertThat(unchanged.chunks()).isEmpty();
        assertThat(unchanged.document()).isEqualTo(header);
    }

    private static Set<ValidationMessage> schemaErrors(String json) throws IOException {
        JsonNode node = JSON.readTree(json);
        return SCHEMA.validate(node);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = DocumentChangeContractTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
