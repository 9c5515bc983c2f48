package io.freshet.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Base64;

/**
 * A document's bytes, exactly one of: {@code text} (already plain text or markup), {@code base64} (the
 * original file's bytes), or {@code uri} (http/https location ingest fetches).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Content(String text, String base64, String uri) {

    public static Content ofText(String text) {
        return new Content(text, null, null);
    }

    public static Content ofBytes(byte[] bytes) {
        return new Content(null, Base64.getEncoder().encodeToString(bytes), null);
    }

    public static Content ofUri(String uri) {
        return new Content(null, null, uri);
    }

    /** How many of the three alternatives are set; a valid content has exactly one. */
    int alternativesSet() {
        int n = 0;
        if (text != null) n++;
        if (base64 != null) n++;
        if (uri != null) n++;
        return n;
    }
}
