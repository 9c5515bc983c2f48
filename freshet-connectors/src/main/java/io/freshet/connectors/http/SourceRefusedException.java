package io.freshet.connectors.http;

/**
 * The source answered a request with a client error (4xx other than 408 and 429): the request or the credentials are
 * wrong, or the thing asked for is gone. The status says which; the caller decides (a 404 for one item's permissions
 * is that item's problem, a 401 the connector's configuration).
 */
public class SourceRefusedException extends RuntimeException {

    private final int status;

    public SourceRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
