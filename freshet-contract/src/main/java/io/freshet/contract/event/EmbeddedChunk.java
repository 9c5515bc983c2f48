package io.freshet.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One passage of a document with its embedding; {@code number} counts from 0 in reading order. The vector travels
 * packed ({@link PackedVector}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddedChunk(int number, String text, Integer page, String origin,
                            @JsonSerialize(using = PackedVector.Writer.class)
                            @JsonDeserialize(using = PackedVector.Reader.class) float[] vector) {
}
