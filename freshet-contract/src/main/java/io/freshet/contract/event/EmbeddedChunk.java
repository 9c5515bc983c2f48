package io.freshet.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One passage of a document with its embedding; {@code number} counts from 0 in reading order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddedChunk(int number, String text, Integer page, String origin, float[] vector) {
}
