package io.freshet.contract.event;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An embedding on the wire: its float32 values little-endian (numpy's {@code <f4}), as one base64 string. A 384-value
 * vector is 2,048 characters instead of ~3,800 of JSON number text, and reading it is a copy instead of 384 float
 * parses: every hop (embed-service writing, the broker storing, index-service reading) pays less. Bit-exact.
 *
 * <p>Readers also accept the older form, a JSON array of numbers, so index-service can be upgraded before
 * embed-service and records already on the topic stay readable.
 */
public final class PackedVector {

    private PackedVector() {
    }

    public static byte[] pack(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return bytes.array();
    }

    /** The values of {@link #pack}ed bytes; a length that is not a whole number of float32 values is refused. */
    public static float[] unpack(byte[] packed) {
        if (packed.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("a packed vector is a whole number of 4-byte float32 values, got "
                    + packed.length + " bytes");
        }
        float[] vector = new float[packed.length / Float.BYTES];
        ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    /** Writes a vector as base64 of its packed bytes. */
    public static final class Writer extends ValueSerializer<float[]> {
        @Override
        public void serialize(float[] vector, JsonGenerator generator, SerializationContext context) {
            generator.writeBinary(pack(vector));
        }
    }

    /** Reads a packed vector (base64 string) or the older array of numbers. */
    public static final class Reader extends ValueDeserializer<float[]> {
        @Override
        public float[] deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() == JsonToken.START_ARRAY) {
                return context.readValue(parser, float[].class);
            }
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return context.reportInputMismatch(float[].class,
                        "'vector' must be base64 of little-endian float32 values (or an array of numbers), got %s",
                        parser.currentToken());
            }
            byte[] packed = parser.getBinaryValue();
            if (packed.length % Float.BYTES != 0) {
                return context.reportInputMismatch(float[].class,
                        "'vector' must be base64 of little-endian float32 values: %d bytes is not a whole number of them",
                        packed.length);
            }
            return unpack(packed);
        }
    }
}
