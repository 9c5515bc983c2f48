package io.freshet.contract.event;

import io.freshet.contract.failure.PoisonEventException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackedVectorTest {

    private final EventCodec codec = new EventCodec();
    private final DocumentHeader header = new DocumentHeader("d1", "cms", 5, Operation.UPSERT, "T", null, null, Map.of(),
            Acl.publicAcl(), Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void vectorsTravelAsBase64OfLittleEndianFloat32() {
        String json = codec.write(new EmbeddedDocument(header, "h", "bge", List.of(
                new EmbeddedChunk(0, "x", null, null, new float[] {0.5f, -0.25f}))));

        // 0.5f = 0x3F000000, -0.25f = 0xBE800000, little-endian: 00 00 00 3F 00 00 80 BE
        assertThat(json).contains("\"vector\":\"AAAAPwAAgL4=\"");
    }

    @Test
    void everyFloatRoundTripsBitExact() {
        Random random = new Random(7);
        float[] vector = new float[384];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian() / 20;
        }
        vector[0] = Float.MIN_VALUE;
        vector[1] = -0.0f;
        vector[2] = Float.MAX_VALUE;

        float[] back = codec.readEmbedded(codec.write(new EmbeddedDocument(header, "h", "bge",
                List.of(new EmbeddedChunk(0, "x", null, null, vector))))).chunks().get(0).vector();

        assertThat(back).hasSize(384);
        for (int i = 0; i < vector.length; i++) {
            assertThat(Float.floatToRawIntBits(back[i])).as("value %d", i).isEqualTo(Float.floatToRawIntBits(vector[i]));
        }
    }

    @Test
    void theOlderArrayOfNumbersIsStillRead() {
        EmbeddedDocument event = codec.readEmbedded("""
                {"document":{"id":"d1","version":1,"op":"UPSERT"},"chunks":[{"number":0,"text":"x","vector":[0.5,-0.25]}]}""");

        assertThat(event.chunks().get(0).vector()).containsExactly(0.5f, -0.25f);
    }

    @Test
    void aVectorThatIsNotWholeFloat32ValuesIsAPoisonEvent() {
        // "AAAA" is 3 bytes
        assertThatThrownBy(() -> codec.readEmbedded("""
                {"document":{"id":"d1","version":1,"op":"UPSERT"},"chunks":[{"number":0,"text":"x","vector":"AAAA"}]}"""))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> codec.readEmbedded("""
                {"document":{"id":"d1","version":1,"op":"UPSERT"},"chunks":[{"number":0,"text":"x","vector":"not base64!"}]}"""))
                .isInstanceOf(PoisonEventException.class);
        assertThatThrownBy(() -> codec.readEmbedded("""
                {"document":{"id":"d1","version":1,"op":"UPSERT"},"chunks":[{"number":0,"text":"x","vector":{"a":1}}]}"""))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("vector");
    }
}
