package io.freshet.ingest.http;

import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads a request body as UTF-8 text within a byte limit, never holding more than the limit plus one byte. */
final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * @throws BodyTooLargeException when the declared length is over the limit (nothing is read) or the body turns
     *                               out to be (reading stops one byte past the limit)
     * @throws NotUtf8Exception      when the bytes are not UTF-8 (JSON is UTF-8, RFC 8259)
     */
    static String readUtf8(HttpServletRequest request, int maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw new BodyTooLargeException(declared, maxBytes);
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw new BodyTooLargeException(-1, maxBytes);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new NotUtf8Exception();
        }
    }

    /** The body is over the intake's limit. */
    static final class BodyTooLargeException extends RuntimeException {

        BodyTooLargeException(long declared, int maxBytes) {
            super((declared >= 0 ? "the body is " + declared + " bytes, over" : "the body is over")
                    + " the limit of " + maxBytes + " bytes (the largest event, Topics.MAX_EVENT_BYTES); "
                    + "send large files by reference (content.uri)");
        }
    }

    /** The body's bytes are not UTF-8. */
    static final class NotUtf8Exception extends RuntimeException {

        NotUtf8Exception() {
            super("not an event: the body is not UTF-8");
        }
    }
}
