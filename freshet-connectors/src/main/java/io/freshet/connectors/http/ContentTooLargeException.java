package io.freshet.connectors.http;

/** A download longer than the caller's limit; nothing beyond the limit was read. */
public class ContentTooLargeException extends RuntimeException {

    public ContentTooLargeException(String message) {
        super(message);
    }
}
