package io.freshet.pipeline.opensearch;

import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.httpclient5.ResponseException;

import javax.net.ssl.SSLException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Says in an operator's words why a secured cluster refused the client: the credentials (401), a missing permission
 * (403) or TLS trust. Names the property to fix and never the password.
 */
public final class OpenSearchFailures {

    private OpenSearchFailures() {
    }

    /** The HTTP status OpenSearch answered with, wherever the transport put it in the chain. */
    public static OptionalInt httpStatus(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ResponseException response) {
                return OptionalInt.of(response.status());
            }
            if (t instanceof OpenSearchException os) {
                return OptionalInt.of(os.status());
            }
        }
        return OptionalInt.empty();
    }

    /** A security reason for the failure, if it is one. */
    public static Optional<String> securityReason(Throwable failure, OpenSearchProperties properties) {
        String url = properties.url().toString();
        OptionalInt status = httpStatus(failure);
        if (status.isPresent() && status.getAsInt() == 401) {
            return Optional.of(properties.hasCredentials()
                    ? "OpenSearch at " + url + " refused the credentials of user '" + properties.username()
                    + "' (HTTP 401): check freshet.opensearch.username and freshet.opensearch.password"
                    : "OpenSearch at " + url + " requires authentication (HTTP 401): set freshet.opensearch.username "
                    + "and freshet.opensearch.password");
        }
        if (status.isPresent() && status.getAsInt() == 403) {
            return Optional.of("OpenSearch at " + url + " denied user '" + properties.username() + "' a permission "
                    + "(HTTP 403): grant its role what docs/operations.md lists for this service");
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                String trust = properties.sslBundle() == null
                        ? "the JVM's default trust store does not trust it; set freshet.opensearch.ssl-bundle to a bundle "
                        + "whose truststore holds the cluster's CA (spring.ssl.bundle.pem.<name>.truststore.certificate)"
                        : "check the CA in SSL bundle '" + properties.sslBundle() + "' (freshet.opensearch.ssl-bundle) and "
                        + "that the certificate names the host";
                return Optional.of("TLS with OpenSearch at " + url + " failed (" + t.getMessage() + "): " + trust);
            }
        }
        return Optional.empty();
    }
}
