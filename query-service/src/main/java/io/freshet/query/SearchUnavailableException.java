package io.freshet.query;

/** OpenSearch cannot be reached or is overloaded: the caller gets 503 and may retry. */
public class SearchUnavailableException extends RuntimeException {

    public SearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
